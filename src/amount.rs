//! Exact decimal amounts as printed (`1,234.50`, `0.00`, `-3.2`).
//! Kept as integer units with a scale so sums reconcile exactly and the
//! printed number of decimals survives into CSV and JSON.

use serde::{Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Amount {
    /// value × 10^scale
    units: i128,
    scale: u8,
}

impl Amount {
    /// Parses a printed amount: optional sign, digits with optional thousands
    /// separators (`,` or `，`), optional decimals. Full-width digits are
    /// accepted. Returns `None` for anything else (empty cells included).
    pub fn parse(s: &str) -> Option<Amount> {
        let s: String = s
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                '．' => '.',
                '－' => '-',
                _ => c,
            })
            .collect();
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.as_str()),
        };
        let (int, frac) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if !valid_integer_part(int) || !frac.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        if frac.len() > 12 || (body.contains('.') && frac.is_empty()) {
            return None;
        }
        let digits: String = int
            .chars()
            .filter(|c| c.is_ascii_digit())
            .chain(frac.chars())
            .collect();
        if digits.len() > 30 {
            return None;
        }
        let mut units: i128 = digits.parse().ok()?;
        if neg {
            units = -units;
        }
        Some(Amount {
            units,
            scale: frac.len() as u8,
        })
    }

    pub fn zero() -> Amount {
        Amount { units: 0, scale: 0 }
    }

    pub fn is_zero(&self) -> bool {
        self.units == 0
    }

    fn rescaled(&self, scale: u8) -> i128 {
        self.units * 10i128.pow(u32::from(scale - self.scale))
    }

    /// Numeric equality regardless of printed scale (`1.5` == `1.50`).
    pub fn same_value(&self, other: &Amount) -> bool {
        let scale = self.scale.max(other.scale);
        self.rescaled(scale) == other.rescaled(scale)
    }
}

/// Exact sum; the result keeps the larger scale.
impl std::ops::Add for Amount {
    type Output = Amount;
    fn add(self, other: Amount) -> Amount {
        let scale = self.scale.max(other.scale);
        Amount {
            units: self.rescaled(scale) + other.rescaled(scale),
            scale,
        }
    }
}

impl std::ops::Sub for Amount {
    type Output = Amount;
    fn sub(self, other: Amount) -> Amount {
        self + Amount {
            units: -other.units,
            scale: other.scale,
        }
    }
}

/// `1,234.5` style integer part: digits, optionally grouped by threes.
fn valid_integer_part(int: &str) -> bool {
    if int.is_empty()
        || !int
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '，')
    {
        return false;
    }
    let groups: Vec<&str> = int.split([',', '，']).collect();
    if groups.len() == 1 {
        return true;
    }
    let first_ok = (1..=3).contains(&groups[0].len());
    first_ok && groups[1..].iter().all(|g| g.len() == 3)
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.units < 0 { "-" } else { "" };
        let abs = self.units.unsigned_abs();
        if self.scale == 0 {
            return write!(f, "{sign}{abs}");
        }
        let p = 10u128.pow(u32::from(self.scale));
        write!(
            f,
            "{sign}{}.{:0width$}",
            abs / p,
            abs % p,
            width = usize::from(self.scale)
        )
    }
}

/// Serialised as a JSON number with exactly the printed decimals.
impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let raw = serde_json::value::RawValue::from_string(self.to_string())
            .map_err(serde::ser::Error::custom)?;
        raw.serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_printed_amounts() {
        assert_eq!(Amount::parse("8,234.33").unwrap().to_string(), "8234.33");
        assert_eq!(Amount::parse("0.00").unwrap().to_string(), "0.00");
        assert_eq!(Amount::parse(" 12 ").unwrap().to_string(), "12");
        assert_eq!(Amount::parse("-1,000.5").unwrap().to_string(), "-1000.5");
        assert_eq!(Amount::parse("１２．５").unwrap().to_string(), "12.5");
    }

    #[test]
    fn rejects_non_amounts() {
        for s in [
            "",
            "-",
            "1,23.00",
            "12,3456",
            "1.",
            "abc",
            "2024-2025",
            "95%",
            "1.2.3",
        ] {
            assert!(Amount::parse(s).is_none(), "{s:?} should not parse");
        }
    }

    #[test]
    fn sums_exactly() {
        let a = Amount::parse("0.1").unwrap();
        let b = Amount::parse("0.20").unwrap();
        let s = a + b;
        assert_eq!(s.to_string(), "0.30");
        assert!(s.same_value(&Amount::parse("0.3").unwrap()));
        assert!((a - a).is_zero());
    }

    #[test]
    fn serialises_as_exact_json_number() {
        let v = serde_json::to_string(&vec![Amount::parse("1,200.00").unwrap()]).unwrap();
        assert_eq!(v, "[1200.00]");
    }
}
