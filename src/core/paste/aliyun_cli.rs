//! `aliyun <product> <Action> --Param value …` back into a form. Flat parameter names
//! (`--Name.1.Field`) map to field paths (`Name[0].Field`); `--region` fills the region.

use crate::core::model::Cloud;
use crate::core::paste::aliyun_flags;
use crate::core::paste::words::Word;
use crate::core::paste::{Mode, ParseError, Pasted, Problems};
use crate::core::request::form::FormState;
use crate::core::wire::flat;

/// Parses the words after `aliyun`.
pub(crate) fn command(
    input: &str,
    words: &[Word],
    aliyun: &Word,
    mode: Mode,
) -> Result<Pasted, ParseError> {
    let mut problems = Problems::new(mode);
    let (Some(product), Some(action)) = (words.first(), words.get(1)) else {
        return Err(ParseError::new(
            input,
            aliyun.offset,
            "the command names no product and action",
        )
        .with_hint("aliyun smc StartReplicationJob --JobId …"));
    };
    let loaded =
        crate::core::model::catalog::service(Cloud::Aliyun, &product.text.to_ascii_lowercase());
    // The ROA form: `aliyun cs GET /clusters/<id>`.
    if let Some(service) = loaded.filter(|_| super::aliyun_roa::is_method(&action.text)) {
        return super::aliyun_roa::command(input, service, &words[1..], mode);
    }
    let Some(op) = loaded.and_then(|s| s.operation(&action.text)) else {
        let known: Vec<String> = loaded.map_or(Vec::new(), |s| {
            s.operations.iter().map(|op| format!("{} {}", op.service, op.name)).collect()
        });
        return Err(ParseError::new(
            input,
            product.offset,
            format!("the page has no aliyun operation {} {}", product.text, action.text),
        )
        .with_hint(format!("it knows {}", known.join(", "))));
    };
    let mut form = FormState::new(op.default_region());
    let mut ignored = Vec::new();
    aliyun_flags::flag_pairs(input, &words[2..], |word, name, value| {
        let Some(value) = value else {
            ignored.push(word.text.clone());
            return Ok(());
        };
        if word.text == "--region" || (name == "RegionId" && op.input.member("RegionId").is_none())
        {
            form.region = value.text.clone();
        } else if let Some(filled) =
            crate::core::paste::query::styled_member(op, name, &value.text, &mut form)
        {
            if let Err(message) = filled {
                problems.drop_or_fail(ParseError::new(input, word.offset, message))?;
            }
        } else if aliyun_flags::is_cli_flag_with_value(name) {
            ignored.push(format!("{} {}", word.text, value.text));
        } else {
            let found = flat::unflatten_key(op.input, name, &flat::ALIYUN_CLI);
            if found.as_ref().is_some_and(|(path, _)| !form.get(path).is_empty()) {
                problems.drop_or_fail(ParseError::new(
                    input,
                    word.offset,
                    format!("{} is given twice", word.text),
                ))?;
            } else if let Some((path, lists)) = found {
                if !crate::core::paste::query::size_lists(&lists, &mut form) {
                    problems.drop_or_fail(ParseError::new(
                        input,
                        word.offset,
                        format!("{} names an item beyond the page's list limit", word.text),
                    ))?;
                    return Ok(());
                }
                form.set(&path, &value.text);
            } else {
                let names: Vec<String> =
                    op.members().iter().map(|m| format!("--{}", m.name)).collect();
                problems.drop_or_fail(
                    ParseError::new(
                        input,
                        word.offset,
                        format!("{} is not a parameter of {}", word.text, op.name),
                    )
                    .with_hint(format!("it takes {} (names are case-sensitive)", names.join(", "))),
                )?;
            }
        }
        Ok(())
    })?;
    aliyun_flags::drop_own_endpoint(&mut ignored, op, &form.region);
    Ok(Pasted { op, form, ignored, notes: vec![], dropped: problems.into_dropped() })
}
