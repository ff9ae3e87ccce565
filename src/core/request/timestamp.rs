//! Timestamps as the AWS CLI takes them: ISO 8601 (with or without zone, date only) or epoch seconds.
//!
//! The AWS CLI hands the string to botocore, which parses it (dateutil), treats a zone-less time
//! as UTC, and sends awsJson1.1 timestamps as whole epoch seconds, dropping any fraction. This
//! module accepts the documented subset of that grammar and gives the same seconds; the real CLI
//! confirms it in `tests/aws_cli.rs`. It also names the usual mistakes (epoch milliseconds,
//! leap seconds) instead of a bare "invalid".

/// Earliest and latest instants Python's `datetime` can hold: years 1 to 9999.
const MIN_EPOCH: i64 = -62_135_596_800;
const MAX_EPOCH: i64 = 253_402_300_799;

/// Parses a timestamp into epoch seconds (fraction dropped, as the AWS CLI sends it).
pub fn parse(text: &str) -> Result<i64, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("is empty".into());
    }
    if is_decimal_number(text) {
        return parse_epoch(text);
    }
    parse_iso(text).ok_or_else(|| {
        String::from(
            "is not a timestamp the AWS CLI accepts: use ISO 8601 (2026-03-08T12:12:12Z, \
         2026-03-08T12:12:12+02:00, 2026-03-08) or epoch seconds",
        )
    })?
}

fn is_decimal_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

fn parse_epoch(text: &str) -> Result<i64, String> {
    let negative = text.starts_with('-');
    let digits = text.trim_start_matches('-');
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    // Digits too many for i64 are far past the year 9999 and report as such.
    let whole: i64 = whole.parse().unwrap_or(i64::MAX);
    let has_fraction = fraction.bytes().any(|b| b != b'0');
    // Python's datetime floors toward the past, so -1.5 is second -2.
    let seconds = if negative { -whole - i64::from(has_fraction) } else { whole };
    if seconds > MAX_EPOCH {
        if (1_000_000_000_000..=MAX_EPOCH.saturating_mul(1000)).contains(&seconds) {
            return Err(format!(
                "looks like epoch milliseconds; the AWS CLI takes epoch seconds ({})",
                seconds / 1000
            ));
        }
        return Err("is after the year 9999".into());
    }
    if seconds < MIN_EPOCH {
        return Err("is before the year 1".into());
    }
    Ok(seconds)
}

/// `YYYY-MM-DD[(T| )HH:MM[:SS[.ffffff]]][Z|±HH[:]MM]`, as a result so the caller can word it.
fn parse_iso(text: &str) -> Option<Result<i64, String>> {
    // `get`, not `split_at`: byte 10 may fall inside a multi-byte character, and a panic
    // here would take the whole page down.
    let cut = text.len().min(10);
    let (date, rest) = (text.get(..cut)?, text.get(cut..)?);
    let (year, month, day) = parse_date(date)?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return Some(Err(format!("{date} is not a date in the calendar")));
    }
    let days = days_from_civil(year, month, day);
    if rest.is_empty() {
        return Some(Ok(days * 86_400));
    }
    let rest = rest
        .strip_prefix('T')
        .or_else(|| rest.strip_prefix('t'))
        .or_else(|| rest.strip_prefix(' '))?;
    let (clock, zone) = split_zone(rest)?;
    let (hour, minute, second) = parse_clock(clock)?;
    if hour > 23 || minute > 59 {
        return Some(Err(format!("{clock} is not a time of day")));
    }
    if second == 60 {
        return Some(Err("has a leap second (:60), which the AWS CLI rejects; use :59".into()));
    }
    if second > 60 {
        return Some(Err(format!("{clock} is not a time of day")));
    }
    let offset = parse_zone(zone)?;
    Some(Ok(days * 86_400 + hour * 3600 + minute * 60 + second - offset))
}

fn digits(text: &str, len: usize) -> Option<i64> {
    (text.len() == len && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok())?
}

fn parse_date(date: &str) -> Option<(i64, i64, i64)> {
    let mut parts = date.split('-');
    let year = digits(parts.next()?, 4)?;
    let month = digits(parts.next()?, 2)?;
    let day = digits(parts.next()?, 2)?;
    parts.next().is_none().then_some((year, month, day))
}

/// Splits `12:12:12.5+02:00` into the clock and the zone (`Z`, `+02:00`, or empty).
fn split_zone(rest: &str) -> Option<(&str, &str)> {
    if let Some(clock) = rest.strip_suffix('Z').or_else(|| rest.strip_suffix('z')) {
        return Some((clock, "Z"));
    }
    match rest.find(['+', '-']) {
        Some(at) => Some((&rest[..at], &rest[at..])),
        None => Some((rest, "")),
    }
}

fn parse_clock(clock: &str) -> Option<(i64, i64, i64)> {
    let (clock, fraction) = clock.split_once('.').unwrap_or((clock, ""));
    if !fraction.bytes().all(|b| b.is_ascii_digit())
        || fraction.len() > 6
        || (clock.len() == 5 && !fraction.is_empty())
    {
        return None;
    }
    let mut parts = clock.split(':');
    let hour = digits(parts.next()?, 2)?;
    let minute = digits(parts.next()?, 2)?;
    let second = match parts.next() {
        Some(s) => digits(s, 2)?,
        None => 0,
    };
    parts.next().is_none().then_some((hour, minute, second))
}

/// The zone's offset from UTC in seconds: `Z` and empty are UTC.
fn parse_zone(zone: &str) -> Option<i64> {
    if zone.is_empty() || zone == "Z" {
        return Some(0);
    }
    let sign = if zone.starts_with('-') { -1 } else { 1 };
    let body = zone.get(1..)?;
    let (hours, minutes) = match body.split_once(':') {
        Some((h, m)) => (digits(h, 2)?, digits(m, 2)?),
        None if body.len() == 4 => (digits(body.get(..2)?, 2)?, digits(body.get(2..)?, 2)?),
        None => (digits(body, 2)?, 0),
    };
    (hours <= 23 && minutes <= 59).then_some(sign * (hours * 3600 + minutes * 60))
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Epoch seconds as `YYYY-MM-DDTHH:MM:SSZ`, the form awsQuery and RPC send timestamps in.
pub fn format_iso(epoch: i64) -> String {
    let (days, secs) = (epoch.div_euclid(86_400), epoch.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// The inverse of `days_from_civil`.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Epoch seconds as an RFC 822 / RFC 7231 date (`Tue, 08 Mar 2026 12:12:12 GMT`), botocore's
/// `rfc822` timestamp format.
pub fn format_rfc822(epoch: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let (days, secs) = (epoch.div_euclid(86_400), epoch.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    let weekday = DAYS[days.rem_euclid(7) as usize];
    let month = MONTHS[(month - 1).clamp(0, 11) as usize];
    format!(
        "{weekday}, {day:02} {month} {year:04} {:02}:{:02}:{:02} GMT",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn accepts_what_the_aws_cli_accepts() {
        let cases = [
            ("2018-03-08T12:12:12", 1_520_511_132),
            ("2018-03-08T12:12:12Z", 1_520_511_132),
            ("2018-03-08 12:12:12", 1_520_511_132),
            ("2018-03-08T12:12:12.999", 1_520_511_132),
            ("2018-03-08T14:12:12+02:00", 1_520_511_132),
            ("2018-03-08T10:12:12-0200", 1_520_511_132),
            ("2018-03-08T12:12", 1_520_511_120),
            ("2018-03-08", 1_520_467_200),
            ("1520511132", 1_520_511_132),
            ("1520511132.75", 1_520_511_132),
            ("0", 0),
            ("-1.5", -2),
            ("2024-02-29", 1_709_164_800),
        ];
        for (text, expected) in cases {
            assert_eq!(parse(text), Ok(expected), "{text}");
        }
    }

    /// Regression: a multi-byte character around byte 10 (`2018-03-0é`) made the date split
    /// panic, which in the page kills it.
    #[test]
    fn regression_multibyte_text_at_the_date_boundary_is_rejected_not_a_panic() {
        for text in
            ["2018-03-0é", "¡AA🌀𐖔", "TZ+++ -T0é", "2018-03-08T12:12:12+é€", "2018-03-08T12:12+a€b"]
        {
            assert!(parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn rejects_what_the_aws_cli_rejects_with_a_reason() {
        let cases = [
            ("1520511132000", "milliseconds"),
            ("2018-03-08T12:12:60", "leap second"),
            ("2018-02-30", "calendar"),
            ("2023-02-29", "calendar"),
            ("2018-03-08T24:00:00", "time of day"),
            ("yesterday", "ISO 8601"),
            ("2018-03-08T", "ISO 8601"),
            ("", "empty"),
        ];
        for (text, reason) in cases {
            let err = parse(text).expect_err(text);
            assert!(err.contains(reason), "{text}: {err}");
        }
    }
}
