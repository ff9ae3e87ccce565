//! The flag walk that both `aliyun` command readers share (RPC `aliyun smc StartReplicationJob
//! --JobId …` and ROA `aliyun cs GET /clusters …`), and which of the flags are the CLI's own:
//! that list lives with the command writer (`cli::aliyun`), so writer and readers agree.

use crate::core::cli::aliyun::cli_flag_takes_value;
use crate::core::model::Operation;
use crate::core::paste::words::Word;
use crate::core::paste::ParseError;

/// Whether `--<name>` is one of the CLI's own flags that takes a value (`--profile p`): the
/// readers list those as ignored.
pub(super) fn is_cli_flag_with_value(name: &str) -> bool {
    cli_flag_takes_value(name) == Some(true)
}

/// Walks the words after an `aliyun` command's operation: each must be a `--flag`, and each
/// but the CLI's own value-less flags (`--force`, handed over with no value) takes the next
/// word as its value.
pub(super) fn flag_pairs(
    input: &str,
    words: &[Word],
    mut each: impl FnMut(&Word, &str, Option<&Word>) -> Result<(), ParseError>,
) -> Result<(), ParseError> {
    let mut rest = words.iter();
    while let Some(word) = rest.next() {
        let Some(name) = word.text.strip_prefix("--") else {
            return Err(ParseError::new(
                input,
                word.offset,
                format!("unexpected word \"{}\"", word.text),
            )
            .with_hint("values with spaces need quotes"));
        };
        if cli_flag_takes_value(name) == Some(false) {
            each(word, name, None)?;
            continue;
        }
        let Some(value) = rest.next() else {
            return Err(ParseError::new(
                input,
                word.offset,
                format!("{} needs a value", word.text),
            ));
        };
        each(word, name, Some(value))?;
    }
    Ok(())
}

/// Takes the `--endpoint` the page itself writes (the host it shows for `region`) out of the
/// flags listed as ignored: only another host is worth a note, since the page sends to its own.
pub(super) fn drop_own_endpoint(ignored: &mut Vec<String>, op: &Operation, region: &str) {
    let own = format!("--endpoint {}", op.host(region));
    ignored.retain(|flag| *flag != own);
}
