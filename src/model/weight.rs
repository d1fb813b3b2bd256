use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The weight of one evidence item: a decimal in (0, 1] with at most three fractional digits.
///
/// Held as integer thousandths so that sums are exact and every machine computes the same
/// result; `0.1 + 0.2` is `300` thousandths here, never `0.30000000000000004`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Weight(u32);

impl Weight {
    /// The weight from thousandths (1000 is a weight of 1.0).
    pub fn from_thousandths(thousandths: u32) -> Option<Weight> {
        (1..=1000)
            .contains(&thousandths)
            .then_some(Weight(thousandths))
    }

    /// The weight in thousandths.
    pub fn thousandths(self) -> u32 {
        self.0
    }
}

/// A total of weights, such as `min_weight`: a positive decimal with at most three fractional
/// digits, held as integer thousandths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount(u64);

impl Amount {
    /// The largest amount accepted, so that sums of weights can never overflow.
    pub const MAX_THOUSANDTHS: u64 = 1_000_000_000;

    /// The amount from thousandths.
    pub fn from_thousandths(thousandths: u64) -> Amount {
        Amount(thousandths)
    }

    /// The amount in thousandths.
    pub fn thousandths(self) -> u64 {
        self.0
    }
}

/// Converts a decimal to thousandths, rejecting more than three fractional digits.
fn to_thousandths(value: f64) -> Option<i64> {
    if !value.is_finite() {
        return None;
    }
    let scaled = value * 1000.0;
    let rounded = scaled.round();
    // Parsed decimals such as 0.001 are not exact in binary; allow that representation error.
    ((scaled - rounded).abs() < 1e-6 && rounded.abs() < 1e15).then_some(rounded as i64)
}

/// Formats thousandths as the shortest decimal: 750 -> "0.75", 1000 -> "1".
pub fn format_thousandths(thousandths: u64) -> String {
    let whole = thousandths / 1000;
    let frac = thousandths % 1000;
    if frac == 0 {
        return whole.to_string();
    }
    let digits = format!("{frac:03}");
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

impl<'de> Deserialize<'de> for Weight {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Weight, D::Error> {
        // Checked inside the visitor, so the parser locates errors at the value.
        struct NumberVisitor;
        impl serde::de::Visitor<'_> for NumberVisitor {
            type Value = Weight;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Weight, E> {
                to_thousandths(value).and_then(|t| u32::try_from(t).ok()).and_then(Weight::from_thousandths).ok_or_else(|| E::custom(format!("[invalid-weight] weight {value} must be greater than 0 and at most 1, with at most three decimals")))
            }
            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Weight, E> {
                self.visit_f64(value as f64)
            }
            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Weight, E> {
                self.visit_f64(value as f64)
            }
        }
        deserializer.deserialize_f64(NumberVisitor)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Amount, D::Error> {
        // Checked inside the visitor, so the parser locates errors at the value.
        struct NumberVisitor;
        impl serde::de::Visitor<'_> for NumberVisitor {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Amount, E> {
                to_thousandths(value).and_then(|t| u64::try_from(t).ok()).filter(|t| (1..=Amount::MAX_THOUSANDTHS).contains(t)).map(Amount).ok_or_else(|| E::custom(format!("[invalid-weight] {value} must be greater than 0, with at most three decimals")))
            }
            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Amount, E> {
                self.visit_f64(value as f64)
            }
            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Amount, E> {
                self.visit_f64(value as f64)
            }
        }
        deserializer.deserialize_f64(NumberVisitor)
    }
}

fn serialize_thousandths<S: Serializer>(
    thousandths: u64,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    if thousandths % 1000 == 0 {
        serializer.serialize_u64(thousandths / 1000)
    } else {
        // Exact for three decimals: the shortest float representation round-trips them.
        serializer.serialize_f64(thousandths as f64 / 1000.0)
    }
}

impl Serialize for Weight {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_thousandths(u64::from(self.0), serializer)
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_thousandths(self.0, serializer)
    }
}

impl fmt::Display for Weight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_thousandths(u64::from(self.0)))
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_thousandths(self.0))
    }
}

impl schemars::JsonSchema for Weight {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Weight".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "number",
            "exclusiveMinimum": 0,
            "maximum": 1,
            "multipleOf": 0.001,
            "description": "A weight in (0, 1] with at most three decimals."
        })
    }
}

impl schemars::JsonSchema for Amount {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Amount".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "number",
            "exclusiveMinimum": 0,
            "multipleOf": 0.001,
            "description": "A total of weights, greater than 0, with at most three decimals."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weight(yaml: &str) -> Result<u32, String> {
        serde_yaml::from_str::<Weight>(yaml)
            .map(Weight::thousandths)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn weights_are_exact_thousandths() {
        let table = [
            ("1", Ok(1000)),
            ("1.0", Ok(1000)),
            ("0.75", Ok(750)),
            ("0.001", Ok(1)),
        ];
        for (input, expected) in table {
            assert_eq!(weight(input), expected, "{input}");
        }
        for bad in ["0", "-0.5", "1.001", "0.0005", "2", ".nan", "\"a\""] {
            assert!(weight(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn formats_without_noise() {
        assert_eq!(format_thousandths(750), "0.75");
        assert_eq!(format_thousandths(1000), "1");
        assert_eq!(format_thousandths(2005), "2.005");
        assert_eq!(format_thousandths(300), "0.3");
    }
}
