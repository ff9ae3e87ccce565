//! The `aws` dialect's parser: `aws <service> <operation> --option value …` and bare JSON
//! documents back into a form; the inverse of `cli::aws` (which it shares the option/member
//! mapping with).
//!
//! Global options may stand before or after the operation; `--region` fills the region control
//! and the others are listed as ignored. `--cli-input-json` is merged first and options given
//! on the command line win, as the CLI does it. An abbreviated option is read as the CLI reads
//! it (`aws_options`), and the paste notes what it was read as.

use crate::core::cli::aws::custom::{self, Takes};
use crate::core::cli::aws::shorthand::parse_shorthand;
use crate::core::cli::aws::{member_for_option, option_names, takes_bare_items, OptionUse};
use crate::core::json::{parse_json, Node, SyntaxError};
use crate::core::model::{AwsCli, Cloud, Kind, Location, Member, Operation};
use crate::core::paste::aws_options::{
    ambiguous, global_arity, name_option, only_in_other, Arity, Named, PAGING,
};
use crate::core::paste::coerce::{coerce, structure};
use crate::core::paste::paging;
use crate::core::paste::paging::base64_lenient;
use crate::core::paste::words::Word;
use crate::core::paste::{closest, Mode, ParseError, Pasted, Problems};
use crate::core::request::form::{join, FormState};
use crate::core::yaml::read::parse_yaml;

/// One `--option` and the words that belong to it.
struct Option_<'a> {
    /// The option string it names (the full one, for an abbreviation).
    name: String,
    at: usize,
    values: Vec<&'a Word>,
}

/// Options that are neither globals nor members: the input document, read like a global.
fn input_arity(name: &str) -> Option<Arity> {
    matches!(name, "--cli-input-json" | "--cli-input-yaml").then_some(Arity::One)
}

fn member_arity(op: &Operation, name: &str) -> Arity {
    let name = name.trim_start_matches("--");
    if let Some(Ok(strategy)) = custom::find(op, name) {
        return match strategy.takes() {
            Takes::Nothing => Arity::None,
            Takes::One => Arity::One,
            Takes::Many => Arity::Many,
        };
    }
    match member_for_option(op, name) {
        // ec2's `--x` for a `{"Value": bool}` attribute also takes `Value=true|false` (the
        // argument's `nargs='?'`, `toplevelbool.py`).
        Some((member, OptionUse::True)) if !matches!(member.kind, Kind::Boolean) => Arity::One,
        Some((_, OptionUse::True | OptionUse::False)) => Arity::None,
        Some((member, OptionUse::Value)) if matches!(member.kind, Kind::List { .. }) => Arity::Many,
        Some(_) => Arity::One,
        // `--no-flag`, or an unknown option: take what follows so the error can name it.
        None if name.starts_with("no-") => Arity::None,
        None => Arity::Many,
    }
}

/// Parses the words after `aws`.
pub(crate) fn command(
    input: &str,
    words: &[Word],
    aws: &Word,
    mode: Mode,
    cli: AwsCli,
) -> Result<Pasted, ParseError> {
    let mut problems = Problems::new(mode);
    // `--name=value` is one word; split it, and remember that its value is bound to it.
    let mut split: Vec<(Word, bool)> = Vec::new();
    for word in words {
        match word.text.split_once('=') {
            Some((name, value)) if word.text.starts_with("--") => {
                split.push((Word { text: name.to_string(), offset: word.offset }, false));
                split.push((
                    Word { text: value.to_string(), offset: word.offset + name.len() + 1 },
                    true,
                ));
            }
            _ => split.push((word.clone(), false)),
        }
    }
    let mut positional: Vec<&Word> = Vec::new();
    let mut options: Vec<Option_<'_>> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let mut op: Option<&'static Operation> = None;
    let mut i = 0;
    while i < split.len() {
        let (word, _) = &split[i];
        i += 1;
        if !word.text.starts_with("--") {
            positional.push(word);
            if positional.len() == 2 {
                op = Some(resolve_operation(input, aws, &positional)?);
            } else if positional.len() == 3
                && op.is_some_and(|op| op.http.is_some_and(|h| h.streaming_output))
            {
                // The file a streaming answer is written to: not part of the request.
            } else if positional.len() > 2 {
                let flag = options.last().filter(|o| {
                    o.values.is_empty()
                        && op.is_some_and(|op| member_arity(op, &o.name) == Arity::None)
                });
                if let Some(flag) = flag {
                    let name = flag.name.trim_start_matches("--");
                    return Err(ParseError::new(
                        input,
                        word.offset,
                        format!("{} is a flag and takes no value", flag.name),
                    )
                    .with_hint(format!("write --{name} for true or --no-{name} for false")));
                }
                return Err(ParseError::new(
                    input,
                    word.offset,
                    format!("unexpected word \"{}\"", word.text),
                )
                .with_hint("values with spaces need quotes"));
            }
            continue;
        }
        let name = match name_option(&word.text, op, cli) {
            Named::AsWritten => word.text.clone(),
            Named::Expanded(full) => {
                notes.push(format!("read {} as {full}", word.text));
                full
            }
            // argparse stops here: which words would belong to it is unknown.
            Named::Ambiguous(candidates) => {
                return Err(ParseError::new(
                    input,
                    word.offset,
                    ambiguous(&word.text, &candidates),
                )
                .with_hint("write the option in full"));
            }
        };
        let arity = match (global_arity(&name).or_else(|| input_arity(&name)), op) {
            (Some(arity), _) => arity,
            (None, Some(op)) if op.paginated && PAGING.contains(&name.as_str()) => Arity::One,
            (None, Some(op)) => member_arity(op, &name),
            (None, None) => Arity::Many,
        };
        let mut values = Vec::new();
        while i < split.len() {
            let (next, bound) = &split[i];
            let takes = match arity {
                Arity::None => *bound,
                Arity::One => values.is_empty() && (*bound || !next.text.starts_with("--")),
                Arity::Many => *bound || !next.text.starts_with("--"),
            };
            if !takes {
                break;
            }
            values.push(next);
            i += 1;
        }
        options.push(Option_ { name, at: word.offset, values });
    }
    let op = match op {
        Some(op) => op,
        None => resolve_operation(input, aws, &positional)?,
    };
    let mut form = FormState::new(op.default_region());
    let mut ignored = Vec::new();
    let mut cli_input: Option<(Node, usize, &str)> = None;
    let mut kept = Vec::new();
    // AWS CLI v2 reads blob values as base64 unless `--cli-binary-format raw-in-base64-out`
    // says otherwise (a config file could too, but a pasted command is read as it would run on
    // a default-configured v2, which is also how the page writes it).
    let mut raw_blobs = cli == AwsCli::V1;
    for (index, option) in options.iter().enumerate() {
        // argparse stores each option, so the CLI sends the last of a repeated one (the CLI's
        // own examples repeat some): the earlier ones are listed as ignored.
        if options[index + 1..].iter().any(|later| later.name == option.name) {
            let values: Vec<&str> = option.values.iter().map(|w| w.text.as_str()).collect();
            ignored.push(format!(
                "{} {} (given again later: the CLI takes the last)",
                option.name,
                values.join(" ")
            ));
            continue;
        }
        if let Some(other) = only_in_other(&option.name, cli) {
            problems.drop_or_fail(
                ParseError::new(
                    input,
                    option.at,
                    format!(
                        "{} is an AWS CLI {} option; AWS CLI {} refuses it",
                        option.name,
                        other.id(),
                        cli.id()
                    ),
                )
                .with_hint(format!(
                    "choose {} in the AWS CLI control, or leave {} out",
                    other.id(),
                    option.name
                )),
            )?;
            continue;
        }
        kept.push(option);
        match option.name.as_str() {
            "--region" => form.region = single(input, option)?.text.clone(),
            "--cli-input-json" | "--cli-input-yaml" => {
                let word = single(input, option)?;
                check_not_a_file(input, word)?;
                if cli_input.is_some() {
                    // The CLI's own words (`awscli/customizations/cliinput.py`).
                    return Err(ParseError::new(
                        input,
                        option.at,
                        "Only one --cli-input- parameter may be specified.",
                    ));
                }
                let node = if option.name == "--cli-input-json" {
                    parse_json(&word.text)
                } else {
                    parse_yaml(&word.text)
                };
                cli_input = Some((
                    node.map_err(|e| at_word(input, word, e))?,
                    word.offset,
                    option.name.as_str(),
                ));
            }
            "--cli-binary-format" => {
                let word = single(input, option)?;
                if !["base64", "raw-in-base64-out"].contains(&word.text.as_str()) {
                    return Err(ParseError::new(
                        input,
                        word.offset,
                        format!(
                            "argument --cli-binary-format: invalid choice: '{}' (choose from 'base64', 'raw-in-base64-out')",
                            word.text
                        ),
                    ));
                }
                raw_blobs = word.text == "raw-in-base64-out";
            }
            "--version" => {
                return Err(ParseError::new(
                    input,
                    option.at,
                    "--version makes the CLI print its version and send no request",
                ));
            }
            name if global_arity(name) == Some(Arity::One) => {
                let word = single(input, option)?;
                ignored.push(format!("{name} {}", word.text));
            }
            name if global_arity(name) == Some(Arity::None) => {
                if let Some(extra) = option.values.first() {
                    return Err(ParseError::new(
                        input,
                        extra.offset,
                        format!("{name} takes no value"),
                    ));
                }
                ignored.push(name.to_string());
            }
            _ => {}
        }
    }
    // The input document first, so that options given on the command line override it.
    if let Some((node, at, name)) = &cli_input {
        let Node::Map(pairs) = node else {
            let what = if *name == "--cli-input-json" { "a JSON object" } else { "a YAML mapping" };
            return Err(ParseError::new(input, *at, format!("{name} takes {what}")));
        };
        for pair in pairs {
            if let Err(message) = structure(op.members(), std::slice::from_ref(pair), "", &mut form)
            {
                problems.drop_or_fail(ParseError::new(input, *at, message))?;
            }
        }
    }
    let (paging, members): (Vec<&Option_<'_>>, Vec<&Option_<'_>>) = kept
        .into_iter()
        .filter(|o| !is_global(&o.name))
        .partition(|o| op.paginated && PAGING.contains(&o.name.as_str()));
    // The CLI adds its customization options' parameters after the members' (their place in
    // its argument table).
    let (customs, members): (Vec<&Option_<'_>>, Vec<&Option_<'_>>) = members
        .into_iter()
        .partition(|o| custom::find(op, o.name.trim_start_matches("--")).is_some());
    for option in &members {
        if let Err(error) = member_option(input, op, option, &mut form) {
            problems.drop_or_fail(error)?;
        }
    }
    for option in &customs {
        if let Err(error) = custom_option(input, op, option, &members, &mut form) {
            problems.drop_or_fail(error)?;
        }
    }
    custom::fix_run_instances(op, &mut form);
    // A member the paginator sets, given itself, turns the CLI's paging off, as --no-paginate
    // does; the CLI then refuses paging options.
    let paging_off = options.iter().any(|o| o.name == "--no-paginate")
        || members.iter().any(|o| {
            member_for_option(op, o.name.trim_start_matches("--")).is_some_and(|(m, _)| {
                op.page_size == Some(m.name) || op.page_tokens.iter().any(|t| t == m.name)
            })
        });
    let given: Vec<&str> = paging.iter().map(|o| o.name.as_str()).collect();
    if let (true, Some(message), Some(first)) =
        (paging_off, paging::refused_with_paging_off(&given), paging.first())
    {
        problems.drop_or_fail(ParseError::new(input, first.at, message))?;
    } else {
        for option in &paging {
            let word = single(input, option)?;
            match paging::apply(op, &option.name, &word.text, &mut form) {
                Ok(note) => notes.push(note),
                Err(message) => {
                    problems.drop_or_fail(ParseError::new(input, word.offset, message))?
                }
            }
        }
    }
    if !raw_blobs {
        decode_blobs(input, op, &mut form, &mut problems)?;
    }
    Ok(Pasted { op, form, ignored, notes, dropped: problems.into_dropped() })
}

/// One customization option (`--count 2`, `--protocol tcp`), read as its class does.
fn custom_option(
    input: &str,
    op: &'static Operation,
    option: &Option_<'_>,
    members: &[&Option_<'_>],
    form: &mut FormState,
) -> Result<(), ParseError> {
    let name = option.name.trim_start_matches("--");
    let strategy = match custom::find(op, name) {
        Some(Ok(strategy)) => strategy,
        Some(Err(class)) => {
            return Err(ParseError::new(
                input,
                option.at,
                format!(
                "{} comes from an AWS CLI customization ({class}) that the page does not read yet",
                option.name
            ),
            )
            .with_hint("give the members it sets as their own options, or in --cli-input-json"))
        }
        None => return Ok(()),
    };
    if strategy.takes() == Takes::Nothing {
        if let Some(extra) = option.values.first() {
            return Err(ParseError::new(
                input,
                extra.offset,
                format!("{} is a flag and takes no value", option.name),
            ));
        }
    }
    let values: Vec<&str> = option.values.iter().map(|w| w.text.as_str()).collect();
    // The member whose own option the CLI refuses beside the simple ones.
    let given = members.iter().any(|m| {
        member_for_option(op, m.name.trim_start_matches("--")).is_some_and(|(member, _)| {
            ["NetworkInterfaces", "IpPermissions"].contains(&member.name)
                && custom::conflicts(strategy, member.name)
        })
    });
    let at = option.values.first().map_or(option.at, |w| w.offset);
    custom::apply(strategy, &option.name, &values, given, form)
        .map_err(|message| ParseError::new(input, at, message))
}

/// AWS CLI v2's default `cli_binary_format` (`base64`): every blob value the command gives,
/// on the command line or in `--cli-input-json`, is base64 of the bytes to send. The form holds
/// a blob as its bytes' text, so the value is decoded as v2 decodes it (Python's lenient
/// `b64decode`); bytes that are not UTF-8 text cannot be held. A value that cannot be decoded
/// is a problem, and taking what parsed leaves that member out.
fn decode_blobs(
    input: &str,
    op: &Operation,
    form: &mut FormState,
    problems: &mut Problems,
) -> Result<(), ParseError> {
    let streaming = op.streaming_upload().map(|m| m.name);
    let blobs: Vec<(String, String)> = form
        .values()
        .filter(|(path, _)| Some(*path) != streaming)
        .filter(|(path, _)| op.member_at(path).is_some_and(|m| matches!(m.kind, Kind::Blob { .. })))
        .map(|(path, value)| (path.to_string(), value.to_string()))
        .collect();
    for (path, value) in blobs {
        let at = input.find(value.as_str()).unwrap_or(0);
        let decoded = base64_lenient(&value).ok_or_else(|| {
            ParseError::new(
                input,
                at,
                format!("AWS CLI v2 reads {path} as base64 (its default binary format), and \"{value}\" is not base64: v2 would refuse this command"),
            )
            .with_hint("add --cli-binary-format raw-in-base64-out to send the text as it is, or choose v1 in the AWS CLI control")
        });
        let text = decoded.and_then(|bytes| {
            String::from_utf8(bytes).map_err(|_| {
                ParseError::new(
                    input,
                    at,
                    format!(
                        "{path} decodes to bytes that are not UTF-8 text, which the form cannot hold"
                    ),
                )
            })
        });
        match text {
            Ok(text) => form.set(&path, &text),
            Err(error) => {
                form.set(&path, "");
                problems.drop_or_fail(error)?;
            }
        }
    }
    Ok(())
}

fn is_global(name: &str) -> bool {
    global_arity(name).is_some() || input_arity(name).is_some()
}

/// Finds the operation named by `<service> <operation>`.
fn resolve_operation(
    input: &str,
    aws: &Word,
    positional: &[&Word],
) -> Result<&'static Operation, ParseError> {
    let Some(service) = positional.first() else {
        return Err(ParseError::new(input, aws.offset, "the command names no service")
            .with_hint("aws dms start-replication-task …"));
    };
    let services = crate::core::model::catalog::loaded_services(Cloud::Aws);
    let Some(loaded) = crate::core::model::catalog::service(Cloud::Aws, &service.text) else {
        let mut error = ParseError::new(
            input,
            service.offset,
            format!("the page has no operations of the AWS service \"{}\"", service.text),
        );
        if let Some(near) = closest(&service.text, services.iter().copied()) {
            error = error.with_hint(format!("did you mean {near}?"));
        } else {
            error = error.with_hint(
                "check the service name: it is the one the AWS CLI uses, e.g. dms, ec2, s3api",
            );
        }
        return Err(error);
    };
    let Some(operation) = positional.get(1) else {
        return Err(ParseError::new(
            input,
            service.offset + service.text.len(),
            "the command names no operation",
        ));
    };
    let candidates: &[&'static Operation] = &loaded.operations;
    match candidates.iter().find(|op| !op.cli_name.is_empty() && op.cli_name == operation.text) {
        Some(op) => Ok(op),
        None => {
            let names: Vec<&str> =
                candidates.iter().map(|op| op.cli_name).filter(|n| !n.is_empty()).collect();
            let mut error = ParseError::new(
                input,
                operation.offset,
                format!("the page has no {} operation \"{}\"", service.text, operation.text),
            );
            error = match closest(&operation.text, names.iter().copied()) {
                Some(near) => error.with_hint(format!("did you mean {near}?")),
                None => error.with_hint(format!(
                    "aws {} has {} operations; see the picker",
                    service.text,
                    names.len()
                )),
            };
            Err(error)
        }
    }
}

fn single<'a>(input: &str, option: &Option_<'a>) -> Result<&'a Word, ParseError> {
    match option.values.as_slice() {
        [word] => Ok(word),
        [] => Err(ParseError::new(input, option.at, format!("{} needs a value", option.name))),
        [_, extra, ..] => Err(ParseError::new(
            input,
            extra.offset,
            format!("{} takes one value; this is a second", option.name),
        )
        .with_hint("values with spaces need quotes")),
    }
}

fn check_not_a_file(input: &str, word: &Word) -> Result<(), ParseError> {
    let lower = word.text.to_ascii_lowercase();
    if lower.starts_with("file://") || lower.starts_with("fileb://") {
        return Err(ParseError::new(input, word.offset, "the page cannot read local files")
            .with_hint("paste the file's content in place of the file:// reference"));
    }
    Ok(())
}

/// A syntax error inside a word, placed in the pasted text (approximately, when the word was
/// quoted: the offset counts from the word's first character after its opening quote).
fn at_word(input: &str, word: &Word, error: SyntaxError) -> ParseError {
    let opening =
        input[word.offset..].chars().next().filter(|c| matches!(c, '\'' | '"')).map_or(0, |_| 1);
    ParseError::new(input, word.offset + opening + error.offset, error.message)
}

fn member_option(
    input: &str,
    op: &'static Operation,
    option: &Option_<'_>,
    form: &mut FormState,
) -> Result<(), ParseError> {
    let name = option.name.trim_start_matches("--");
    let found = member_for_option(op, name);
    let with_value = !option.values.is_empty();
    let found = match found {
        // `--x Value=false`: the attribute structure, read as any structure option.
        Some((member, OptionUse::True)) if with_value && !matches!(member.kind, Kind::Boolean) => {
            Some((member, OptionUse::Value))
        }
        other => other,
    };
    if let Some((member, use_ @ (OptionUse::True | OptionUse::False))) = found {
        if let Some(extra) = option.values.first() {
            let hint = match use_ {
                OptionUse::True => {
                    format!("write {} for true, or its --no- form for false", option.name)
                }
                _ => format!("{} sets false by itself", option.name),
            };
            return Err(ParseError::new(
                input,
                extra.offset,
                format!("{} is a flag and takes no value", option.name),
            )
            .with_hint(hint));
        }
        let text = if use_ == OptionUse::True { "true" } else { "false" };
        // ec2's attribute booleans are `{"Value": bool}` structures behind a flag pair.
        let path = if matches!(member.kind, Kind::Boolean) {
            member.name.to_string()
        } else {
            join(member.name, "Value")
        };
        form.set(&path, text);
        return Ok(());
    }
    let Some((member, _)) = found else {
        if PAGING.contains(&option.name.as_str()) && !op.paginated {
            return Err(ParseError::new(
                input,
                option.at,
                format!(
                    "aws {} {} does not page: the CLI takes {} only for operations it pages through",
                    op.service, op.cli_name, option.name
                ),
            ));
        }
        let known = option_names(op);
        let mut error = ParseError::new(
            input,
            option.at,
            format!("{} is not an option of aws {} {}", option.name, op.service, op.cli_name),
        );
        error = match closest(&option.name, known.iter().map(String::as_str)) {
            Some(near) => error.with_hint(format!("did you mean {near}?")),
            None => error.with_hint(format!("it takes {}", known.join(", "))),
        };
        return Err(error);
    };
    for word in &option.values {
        check_not_a_file(input, word)?;
    }
    let node = option_value(input, op, member, option)?;
    let at = option.values.first().map_or(option.at, |w| w.offset);
    coerce(member.kind, &node, member.name, form).map_err(|m| ParseError::new(input, at, m))
}

/// The untyped value of an option: scalar text, shorthand or JSON, one word or several; and
/// the two shortcuts of the CLI's shorthand reader (`_handle_special_cases` in
/// awscli/argprocess.py): a structure whose one member is the string `Value`, given a word
/// without `=` (`--description "My description"`), and the bare words of a list of one-member
/// structures for the options of its own table (`--instances i-1 i-2`).
fn option_value(
    input: &str,
    op: &Operation,
    member: &Member,
    option: &Option_<'_>,
) -> Result<Node, ParseError> {
    let first = option.values.first().map(|w| w.text.trim_start());
    let looks_json = first.is_some_and(|t| t.starts_with(['{', '[']));
    if let (Kind::Structure(shape), Some(word), false) = (member.kind, first, looks_json) {
        if let [only] = shape.members() {
            if only.name == "Value"
                && matches!(only.kind, Kind::String { .. })
                && !word.contains('=')
            {
                let word = single(input, option)?;
                return Ok(Node::Map(vec![("Value".into(), Node::Str(word.text.clone()))]));
            }
        }
    }
    if let (Kind::List { item, .. }, false) = (member.kind, looks_json || first.is_none()) {
        if let (Kind::Structure(shape), true) = (item.kind, takes_bare_items(op, &option.name)) {
            if let [only] = shape.members() {
                let items = option.values.iter().map(|word| {
                    Node::Map(vec![(only.name.to_string(), Node::Str(word.text.clone()))])
                });
                return Ok(Node::List(items.collect()));
            }
        }
    }
    let structured = |word: &Word| -> Result<Node, ParseError> {
        let text = word.text.trim_start();
        let parsed = if text.starts_with('{') || text.starts_with('[') {
            parse_json(&word.text)
        } else {
            parse_shorthand(&word.text)
        };
        parsed.map_err(|e| {
            let mut error = at_word(input, word, e);
            error.message = format!("{}: {}", option.name, error.message);
            error
        })
    };
    match member.kind {
        Kind::List { item, .. } => {
            if option.values.is_empty() {
                return Err(ParseError::new(
                    input,
                    option.at,
                    format!("{} needs a value", option.name),
                ));
            }
            if let [word] = option.values.as_slice() {
                if word.text.trim_start().starts_with('[') {
                    return structured(word);
                }
            }
            let items = option
                .values
                .iter()
                .map(|word| {
                    if item.kind.is_container() {
                        structured(word)
                    } else {
                        Ok(Node::Str(word.text.clone()))
                    }
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Node::List(items))
        }
        Kind::Structure(_) | Kind::Map { .. } | Kind::Document => {
            structured(single(input, option)?)
        }
        // A `jsonvalue` header option is JSON to the CLI: a JSON string stands for its text
        // (what the page's own command writes); other JSON is kept as typed.
        _ if member.json_value && member.location == Some(Location::Header) => {
            let word = single(input, option)?;
            Ok(match parse_json(&word.text) {
                Ok(Node::Str(text)) => Node::Str(text),
                _ => Node::Str(word.text.clone()),
            })
        }
        _ => Ok(Node::Str(single(input, option)?.text.clone())),
    }
}

/// A JSON document alone: a `--cli-input-json` document or an awsJson1.1 body. The operation
/// on screen is preferred when every key fits it; otherwise the one operation that fits.
pub(crate) fn json_document(
    input: &str,
    lead: usize,
    current: Option<&'static Operation>,
    mode: Mode,
) -> Result<Pasted, ParseError> {
    let mut problems = Problems::new(mode);
    let node =
        parse_json(input.trim()).map_err(|e| ParseError::new(input, lead + e.offset, e.message))?;
    let Node::Map(pairs) = &node else {
        return Err(ParseError::new(input, lead, "a request document is a JSON object"));
    };
    let fits = |op: &Operation| pairs.iter().all(|(k, _)| op.members().iter().any(|m| m.name == k));
    let op = match current.filter(|op| fits(op)) {
        Some(op) => op,
        None => {
            let fitting: Vec<&'static Operation> = crate::core::model::catalog::loaded_operations()
                .into_iter()
                .filter(|op| fits(op))
                .collect();
            // With whole services loaded many operations share keys; a showcase operation that
            // fits is the likely one (the page prefers the operation on screen before that).
            let showcase: Vec<&'static Operation> = fitting
                .iter()
                .copied()
                .filter(|op| crate::core::model::catalog::SHOWCASE.contains(&op.route().as_str()))
                .collect();
            let fitting = if showcase.len() == 1 { showcase } else { fitting };
            match fitting.as_slice() {
                [op] => *op,
                [] => {
                    return Err(ParseError::new(
                        input,
                        lead,
                        "no operation takes all of these keys",
                    )
                    .with_hint("check the key names; they are case-sensitive"))
                }
                _ => {
                    return Err(ParseError::new(
                        input,
                        lead,
                        "several operations take these keys; open the operation first, then paste",
                    ))
                }
            }
        }
    };
    let mut form = FormState::new(op.default_region());
    for pair in pairs {
        if let Err(message) = structure(op.members(), std::slice::from_ref(pair), "", &mut form) {
            problems.drop_or_fail(ParseError::new(input, lead, message))?;
        }
    }
    Ok(Pasted { op, form, ignored: vec![], notes: vec![], dropped: problems.into_dropped() })
}
