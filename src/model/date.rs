use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar date, `YYYY-MM-DD`, proleptic Gregorian.
///
/// The library never reads the clock: every date comes from input or from the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// The date, if it exists in the calendar (years 1 to 9999).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        ((1..=9999).contains(&year) && (1..=12).contains(&month) && day >= 1)
            .then_some(())
            .filter(|()| day <= days_in_month(year, month))
            .map(|()| Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01, if it is within years 1 to 9999.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(
            i32::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    /// This date plus a duration; calendar months and years clamp to the month's last day
    /// (2024-01-31 + 1m = 2024-02-29). `None` past year 9999.
    pub fn plus(self, duration: Duration) -> Option<Date> {
        let n = i64::from(duration.count);
        match duration.unit {
            DurationUnit::Days => Date::from_days_since_epoch(self.days_since_epoch() + n),
            DurationUnit::Weeks => Date::from_days_since_epoch(self.days_since_epoch() + 7 * n),
            DurationUnit::Months => self.add_months(n),
            DurationUnit::Years => self.add_months(12 * n),
        }
    }

    fn add_months(self, months: i64) -> Option<Date> {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + months;
        let year = i32::try_from(index.div_euclid(12)).ok()?;
        let month = u8::try_from(index.rem_euclid(12) + 1).ok()?;
        if !(1..=9999).contains(&year) {
            return None;
        }
        let day = self.day.min(days_in_month(year, month));
        Date::new(year, month, day)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Why a date (`YYYY-MM-DD`) or a duration (`90d`, `6w`, `18m`, `2y`) did not parse.
///
/// ```
/// use competence::model::{Date, DateError};
/// let error: DateError = "2026-02-30".parse::<Date>().unwrap_err();
/// assert_eq!(error.to_string(), "`2026-02-30` is not a date in the calendar");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DateError(String);

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        let bytes = s.as_bytes();
        let shaped = bytes.len() == 10
            && bytes.get(4) == Some(&b'-')
            && bytes.get(7) == Some(&b'-')
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        let parts = shaped
            .then(|| {
                Some((
                    s.get(0..4)?.parse::<i32>().ok()?,
                    s.get(5..7)?.parse::<u8>().ok()?,
                    s.get(8..10)?.parse::<u8>().ok()?,
                ))
            })
            .flatten();
        let Some((year, month, day)) = parts else {
            return Err(DateError(format!(
                "`{s}` is not a date of the form YYYY-MM-DD"
            )));
        };
        Date::new(year, month, day)
            .ok_or_else(|| DateError(format!("`{s}` is not a date in the calendar")))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        super::parse_str(deserializer, "a date YYYY-MM-DD", |text| {
            text.parse()
                .map_err(|e: DateError| format!("[invalid-date] {e}"))
        })
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "An ISO calendar date, YYYY-MM-DD."
        })
    }
}

/// The unit of a [`Duration`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DurationUnit {
    /// `d`
    Days,
    /// `w`
    Weeks,
    /// `m`: calendar months
    Months,
    /// `y`: calendar years
    Years,
}

/// A validity period: a whole number of days, weeks, calendar months or calendar years,
/// written `90d`, `6w`, `18m`, `2y`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Duration {
    count: u32,
    unit: DurationUnit,
}

impl Duration {
    /// The longest count accepted, so date arithmetic stays in range.
    pub const MAX_COUNT: u32 = 100_000;

    /// A duration of `count` units; `None` when `count` is 0 or too large.
    pub fn new(count: u32, unit: DurationUnit) -> Option<Duration> {
        (1..=Duration::MAX_COUNT)
            .contains(&count)
            .then_some(Duration { count, unit })
    }

    /// The number of units.
    pub fn count(self) -> u32 {
        self.count
    }

    /// The unit.
    pub fn unit(self) -> DurationUnit {
        self.unit
    }

    /// A length in days for comparing durations of different units: a month counts as 30.44
    /// days and a year as 365.25, in hundredths of a day so the comparison stays integral.
    pub fn approx_hundredths_of_days(self) -> u64 {
        let per_unit: u64 = match self.unit {
            DurationUnit::Days => 100,
            DurationUnit::Weeks => 700,
            DurationUnit::Months => 3044,
            DurationUnit::Years => 36525,
        };
        u64::from(self.count) * per_unit
    }
}

impl FromStr for Duration {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Duration, DateError> {
        let invalid = || {
            DateError(format!(
                "`{s}` is not a duration: write a whole number from 1 followed by d, w, m or y (`90d`, `18m`, `2y`)"
            ))
        };
        let split = s.len().checked_sub(1).ok_or_else(invalid)?;
        let (digits, unit) = (s.get(..split).ok_or_else(invalid)?, s.get(split..));
        let unit = match unit {
            Some("d") => DurationUnit::Days,
            Some("w") => DurationUnit::Weeks,
            Some("m") => DurationUnit::Months,
            Some("y") => DurationUnit::Years,
            _ => return Err(invalid()),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        let count = digits.parse::<u32>().map_err(|_| invalid())?;
        Duration::new(count, unit).ok_or_else(invalid)
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit {
            DurationUnit::Days => 'd',
            DurationUnit::Weeks => 'w',
            DurationUnit::Months => 'm',
            DurationUnit::Years => 'y',
        };
        write!(f, "{}{unit}", self.count)
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
        super::parse_str(deserializer, "a duration such as 2y", |text| {
            text.parse()
                .map_err(|e: DateError| format!("[invalid-duration] {e}"))
        })
    }
}

impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl schemars::JsonSchema for Duration {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Duration".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]+[dwmy]$",
            "description": "A whole number of days (d), weeks (w), calendar months (m) or calendar years (y): 90d, 6w, 18m, 2y."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn dates_parse_and_reject() {
        assert_eq!(date("2026-03-14").to_string(), "2026-03-14");
        for bad in [
            "2026-02-30",
            "2025-02-29",
            "2026-13-01",
            "2026-3-14",
            "26-03-14",
            "",
            "2026-03-14x",
            "0000-01-01",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
        assert!("2024-02-29".parse::<Date>().is_ok());
    }

    #[test]
    fn epoch_days_round_trip() {
        for s in [
            "1970-01-01",
            "2000-02-29",
            "2026-11-27",
            "0001-01-01",
            "9999-12-31",
        ] {
            let d = date(s);
            assert_eq!(
                Date::from_days_since_epoch(d.days_since_epoch()),
                Some(d),
                "{s}"
            );
        }
        assert_eq!(date("1970-01-02").days_since_epoch(), 1);
    }

    #[test]
    fn calendar_arithmetic_clamps() {
        let table = [
            ("2024-01-31", "1m", "2024-02-29"),
            ("2024-02-29", "1y", "2025-02-28"),
            ("2026-03-14", "2y", "2028-03-14"),
            ("2026-12-31", "1d", "2027-01-01"),
            ("2026-01-01", "2w", "2026-01-15"),
            ("2026-11-30", "3m", "2027-02-28"),
        ];
        for (start, duration, end) in table {
            let duration: Duration = duration.parse().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(
                date(start).plus(duration),
                Some(date(end)),
                "{start} + {duration}"
            );
        }
        let long: Duration = "100000y".parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(date("2026-01-01").plus(long), None);
    }

    #[test]
    fn durations_parse_and_reject() {
        for ok in ["1d", "6w", "18m", "2y"] {
            assert_eq!(
                ok.parse::<Duration>().map(|d| d.to_string()),
                Ok(ok.to_owned())
            );
        }
        for bad in [
            "",
            "d",
            "0d",
            "2",
            "2x",
            "-1d",
            "1.5y",
            "99999999999d",
            "１d",
        ] {
            assert!(bad.parse::<Duration>().is_err(), "{bad}");
        }
    }
}
