//! Calendar arithmetic without a date crate: civil dates ↔ days since 1970-01-01
//! (proleptic Gregorian, Howard Hinnant's algorithms), weekdays and month names.

use serde::Serialize;

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// A publication time: a date and, when known, minutes after midnight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    pub date: Date,
    pub minutes: Option<u32>,
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }
    /// Days since 1970-01-01.
    pub fn days(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }
    pub fn from_days(days: i64) -> Date {
        let (year, month, day) = civil_from_days(days);
        Date { year, month, day }
    }
    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(&self) -> u32 {
        (self.days() + 3).rem_euclid(7) as u32
    }
    /// Seconds since 1970-01-01T00:00 UTC at the start of this day.
    pub fn epoch_seconds(&self) -> i64 {
        self.days() * 86_400
    }
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl DateTime {
    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`.
    pub fn iso(&self) -> String {
        match self.minutes {
            Some(m) => format!("{}T{:02}:{:02}", self.date.iso(), m / 60, m % 60),
            None => self.date.iso(),
        }
    }
    /// Sort key: minutes since epoch; a date without time sorts at the start of its day.
    pub fn sort_key(&self) -> i64 {
        self.date.days() * 1440 + self.minutes.unwrap_or(0) as i64
    }
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y as i64 - 1 } else { y as i64 };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Civil date of a day number. Day numbers beyond ±1 billion years are clamped there: only
/// garbage values (a printed figure of 10^300 seconds) get that far, and the arithmetic
/// below would overflow.
pub fn civil_from_days(z: i64) -> (i32, u32, u32) {
    const LIMIT: i64 = 365_000_000_000;
    let z = z.clamp(-LIMIT, LIMIT) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

/// Month number from an English month name or abbreviation ("Jan", "Jan.", "Sept").
pub fn month_from_name(word: &str) -> Option<u32> {
    let mut buf = [0u8; 9];
    let m = match lower_ascii(word.trim_end_matches('.'), &mut buf)? {
        b"january" | b"jan" => 1,
        b"february" | b"feb" => 2,
        b"march" | b"mar" => 3,
        b"april" | b"apr" => 4,
        b"may" => 5,
        b"june" | b"jun" => 6,
        b"july" | b"jul" => 7,
        b"august" | b"aug" => 8,
        b"september" | b"sep" | b"sept" => 9,
        b"october" | b"oct" => 10,
        b"november" | b"nov" => 11,
        b"december" | b"dec" => 12,
        _ => return None,
    };
    Some(m)
}

/// The bytes of `word` ASCII-lowercased into `buf`, without allocating (asked for most
/// words of a sentence); `None` when longer than `buf` (no month or weekday name is).
/// Compared as bytes: the names are ASCII, so no UTF-8 check is needed.
fn lower_ascii<'b>(word: &str, buf: &'b mut [u8; 9]) -> Option<&'b [u8]> {
    let out = buf.get_mut(..word.len())?;
    for (to, from) in out.iter_mut().zip(word.as_bytes()) {
        *to = from.to_ascii_lowercase();
    }
    Some(out)
}

/// Weekday number (0 = Monday) from an English weekday name or abbreviation.
pub fn weekday_from_name(word: &str) -> Option<u32> {
    let mut buf = [0u8; 9];
    let d = match lower_ascii(word.trim_end_matches('.'), &mut buf)? {
        b"monday" | b"mon" => 0,
        b"tuesday" | b"tue" | b"tues" => 1,
        b"wednesday" | b"wed" => 2,
        b"thursday" | b"thu" | b"thur" | b"thurs" => 3,
        b"friday" | b"fri" => 4,
        b"saturday" | b"sat" => 5,
        b"sunday" | b"sun" => 6,
        _ => return None,
    };
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_days() {
        for days in [-1_000_000i64, -1, 0, 1, 19_000, 20_465, 2_000_000] {
            let d = Date::from_days(days);
            assert_eq!(d.days(), days);
        }
        assert_eq!(Date::new(1970, 1, 1).unwrap().days(), 0);
        assert_eq!(Date::new(2026, 1, 12).unwrap().weekday(), 0); // a Monday
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(Date::new(2026, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2026, 13, 1).is_none());
    }
}
