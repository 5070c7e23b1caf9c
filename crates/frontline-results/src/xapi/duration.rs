//! ISO 8601 durations as xAPI uses them (`PT1M23.5S`).

/// The parts of an ISO 8601 duration `PnYnMnWnDTnHnMnS`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct IsoDuration {
    /// Years.
    pub years: f64,
    /// Months.
    pub months: f64,
    /// Weeks.
    pub weeks: f64,
    /// Days.
    pub days: f64,
    /// Hours.
    pub hours: f64,
    /// Minutes.
    pub minutes: f64,
    /// Seconds (may have a fraction).
    pub seconds: f64,
}

/// Milliseconds as an ISO 8601 duration: hours, minutes and seconds with up
/// to three decimals, zero parts left out (`PT0S` for nothing).
pub fn format_duration(ms: u64) -> String {
    let (h, m, s, frac) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    let mut out = String::from("PT");
    if h > 0 {
        out += &format!("{h}H");
    }
    if m > 0 {
        out += &format!("{m}M");
    }
    if s > 0 || frac > 0 || (h == 0 && m == 0) {
        out += &s.to_string();
        if frac > 0 {
            out += format!(".{frac:03}").trim_end_matches('0');
        }
        out.push('S');
    }
    out
}

/// Reads an ISO 8601 duration (`P1DT2H`, `PT1M23.5S`, `P2W`, ...). At least
/// one part; `T` only before hours/minutes/seconds and followed by one of
/// them; a decimal fraction only on the last part.
pub fn parse_duration(text: &str) -> Option<IsoDuration> {
    let rest = text.strip_prefix('P')?;
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) if !t.is_empty() => (d, Some(t)),
        Some(_) => return None,
        None => (rest, None),
    };
    let mut parts = Vec::new();
    read_parts(date, &['Y', 'M', 'W', 'D'], &mut parts)?;
    let date_parts = parts.len();
    if let Some(t) = time {
        read_parts(t, &['H', 'M', 'S'], &mut parts)?;
        if parts.len() == date_parts {
            return None;
        }
    }
    let last = parts.len().checked_sub(1)?;
    let mut d = IsoDuration::default();
    for (i, &(value, unit, fractional)) in parts.iter().enumerate() {
        if fractional && i != last {
            return None;
        }
        let in_time = i >= date_parts;
        let slot = match (in_time, unit) {
            (false, 'Y') => &mut d.years,
            (false, 'M') => &mut d.months,
            (false, 'W') => &mut d.weeks,
            (false, _) => &mut d.days,
            (true, 'H') => &mut d.hours,
            (true, 'M') => &mut d.minutes,
            (true, _) => &mut d.seconds,
        };
        *slot = value;
    }
    Some(d)
}

/// Reads `<number><unit>...` with units in the order given, each at most
/// once, into `(value, unit, has fraction)`.
fn read_parts(section: &str, units: &[char], out: &mut Vec<(f64, char, bool)>) -> Option<()> {
    let mut next_unit = 0;
    let mut number = String::new();
    for c in section.chars() {
        if c.is_ascii_digit() || c == '.' || c == ',' {
            number.push(if c == ',' { '.' } else { c });
            continue;
        }
        let pos = units[next_unit..].iter().position(|&u| u == c)? + next_unit;
        if number.is_empty() || number.starts_with('.') || number.ends_with('.') {
            return None;
        }
        out.push((number.parse().ok()?, c, number.contains('.')));
        next_unit = pos + 1;
        number.clear();
    }
    number.is_empty().then_some(())
}

impl IsoDuration {
    /// Whole milliseconds, when the duration has no years or months (whose
    /// length varies).
    pub fn to_millis(&self) -> Option<u64> {
        if self.years != 0.0 || self.months != 0.0 {
            return None;
        }
        let secs = ((self.weeks * 7.0 + self.days) * 24.0 + self.hours) * 3600.0
            + self.minutes * 60.0
            + self.seconds;
        let ms = (secs * 1000.0).round();
        (ms.is_finite() && ms >= 0.0 && ms < u64::MAX as f64).then_some(ms as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_the_examples_and_parses_back() {
        for (ms, text) in [
            (83_500, "PT1M23.5S"),
            (0, "PT0S"),
            (3_600_000, "PT1H"),
            (3_723_040, "PT1H2M3.04S"),
            (60_000, "PT1M"),
            (7, "PT0.007S"),
        ] {
            assert_eq!(format_duration(ms), text);
            assert_eq!(parse_duration(text).and_then(|d| d.to_millis()), Some(ms));
        }
    }

    #[test]
    fn rejects_malformed_durations() {
        for bad in [
            "", "P", "PT", "1M", "PT1.5M2S", "PTS", "PT1S2M", "P1H", "PT1D", "PT.5S", "P1DT",
        ] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
        assert!(parse_duration("P1Y2M3W4DT5H6M7.5S").is_some());
        assert_eq!(parse_duration("P1M").and_then(|d| d.to_millis()), None);
        assert_eq!(
            parse_duration("P1D").and_then(|d| d.to_millis()),
            Some(86_400_000)
        );
    }
}
