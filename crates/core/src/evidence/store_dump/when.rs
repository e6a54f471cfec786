//! Dates as certutil and PowerShell print them: local time in the culture of
//! the machine (`2/19/2016 4:00 PM`, `19.07.2021 12:47`, `16.04.2009. 11:04`,
//! `12/05/1997 02:00`, `12/31/2027 12:00:00 AM`). Read as UTC: the dump does
//! not say the time zone, so instants are exact to within a day.

use time::{Date, Month, Time};

/// Unix seconds for a date as the dump prints it; `None` when unreadable.
/// With AM/PM the order is month/day/year (en-US); with dots, dashes
/// (nl-NL `19-5-2015 03:39`), or slashes and a 24-hour clock,
/// day.month.year. ISO `2026-06-01 00:00` is read too.
pub(super) fn parse(text: &str) -> Option<i64> {
    let t = text.trim();
    let upper = t.to_ascii_uppercase();
    let pm = upper.ends_with("PM");
    let am = upper.ends_with("AM");
    let t = if pm || am { t[..t.len() - 2].trim() } else { t };
    let mut parts = t.split_whitespace();
    let date = parts.next()?.trim_end_matches('.');
    let clock = parts.next().unwrap_or("0:00");
    let fields: Vec<&str> = date.split(['-', '.', '/']).map(str::trim).collect();
    let [a, b, c] = fields.as_slice() else {
        return None;
    };
    let (y, m, d) = if a.len() == 4 {
        // ISO 2026-06-01
        (a.parse().ok()?, b.parse().ok()?, c.parse().ok()?)
    } else {
        let a: u8 = a.parse().ok()?;
        let b: u8 = b.parse().ok()?;
        let y: i32 = c.parse().ok()?;
        if am || pm {
            (y, a, b)
        } else {
            (y, b, a)
        }
    };
    let mut hms = clock.split(':');
    let mut hour: u8 = hms.next()?.parse().ok()?;
    let minute: u8 = hms.next().unwrap_or("0").parse().ok()?;
    let second: u8 = hms.next().unwrap_or("0").parse().ok()?;
    if pm && hour < 12 {
        hour += 12;
    } else if am && hour == 12 {
        hour = 0;
    }
    let date = Date::from_calendar_date(y, Month::try_from(m).ok()?, d).ok()?;
    let time = Time::from_hms(hour, minute, second).ok()?;
    Some(date.with_time(time).assume_utc().unix_timestamp())
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn reads_the_cultures_seen_in_dumps() {
        // 2016-02-19 16:00 UTC
        assert_eq!(parse("2/19/2016 4:00 PM"), Some(1_455_897_600));
        assert_eq!(parse("19.07.2021 12:47"), Some(1_626_698_820));
        assert_eq!(parse("16.04.2009. 11:04"), Some(1_239_879_840));
        assert_eq!(parse("12/05/1997 02:00"), Some(863_402_400));
        assert_eq!(parse("12/31/2027 12:00:00 AM"), Some(1_830_211_200));
        assert_eq!(parse("19-5-2015 03:39"), Some(1_432_006_740));
        assert_eq!(parse("2026-06-01 00:00"), Some(1_780_272_000));
        assert_eq!(parse("yesterday"), None);
        assert_eq!(parse("13/13/2020 1:00 PM"), None);
    }
}
