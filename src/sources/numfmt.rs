//! Excel number formats: a number (or date serial) as the cell prints it.
//!
//! Covers what budget workbooks use: `General`, digit placeholders
//! (`0 # ?`), thousands separators and scaling commas, decimals, percent,
//! scientific notation, literal text (`"元"`, `\-`, `[$¥-804]`), up to
//! three sections (positive; negative; zero), and dates and times
//! (`yyyy"年"m"月"d"日"`, `yyyy-mm-dd hh:mm:ss`, the zh-CN built-ins).
//! Colours, conditions, padding (`_x`) and fill (`*x`) print nothing.
//! Fractions (`# ?/?`) fall back to the `General` form.

/// Significant digits Excel keeps of a number.
const SIG_DIGITS: usize = 15;

/// Most decimals honoured (Excel allows 30; more is never meaningful).
const MAX_DECIMALS: usize = 30;

/// `v` as printed with format `code` (parses the code each time: keep a
/// [`NumFmt`] to format many values).
pub fn format_number(v: f64, code: &str) -> String {
    NumFmt::parse(code).format(v)
}

/// A date/time serial printed with a date `code`; `is_1904` selects the
/// Mac epoch.
pub fn format_date(serial: f64, is_1904: bool, code: &str) -> String {
    NumFmt::parse(code).format_date(serial, is_1904)
}

/// Whether `code` formats dates or times (judged on its first section).
pub fn is_date_code(code: &str) -> bool {
    NumFmt::parse(code).is_date()
}

/// A parsed format code: up to four sections (positive; negative; zero;
/// text), no section meaning `General`.
#[derive(Debug, Clone, Default)]
pub struct NumFmt {
    sections: Vec<Section>,
}

#[derive(Debug, Clone)]
struct Section {
    toks: Vec<Tok>,
    date: bool,
    /// `# ?/?`: printed in the `General` form.
    fraction: bool,
    has_digits: bool,
    pattern: Pattern,
}

impl NumFmt {
    pub fn parse(code: &str) -> Self {
        if code.trim().is_empty() {
            return NumFmt::default();
        }
        let sections = split_sections(code)
            .into_iter()
            .map(Section::parse)
            .collect();
        NumFmt { sections }
    }

    /// The section that prints `v`, and the value it prints (a negative
    /// section prints the absolute value).
    fn pick(&self, v: f64) -> Option<(&Section, f64)> {
        let first = self.sections.first()?;
        let nth = |i: usize| self.sections.get(i).unwrap_or(first);
        Some(match (self.sections.len(), v) {
            (n, v) if n >= 2 && v < 0.0 => (nth(1), -v),
            (n, v) if n >= 3 && v == 0.0 => (nth(2), v),
            _ => (first, v),
        })
    }

    /// `v` as a cell with this format prints it.
    pub fn format(&self, v: f64) -> String {
        match self.pick(v) {
            _ if !v.is_finite() => general(v),
            None => general(v),
            Some((s, _)) if s.date => s.date_text(v, false),
            Some((s, x)) => s.number_text(x),
        }
    }

    /// A date/time serial printed with this format.
    pub fn format_date(&self, serial: f64, is_1904: bool) -> String {
        match self.pick(serial) {
            Some((s, _)) => s.date_text(serial, is_1904),
            None => general(serial),
        }
    }

    pub fn is_date(&self) -> bool {
        self.sections.first().is_some_and(|s| s.date)
    }
}

impl Section {
    fn parse(text: &str) -> Self {
        let toks = tokenize(text);
        let date = toks.iter().any(|t| matches!(t, Tok::Date(..) | Tok::AmPm));
        let has_digits = toks.iter().any(|t| matches!(t, Tok::Digit(_)));
        let slash = toks.iter().any(|t| matches!(t, Tok::Lit(l) if l == "/"));
        Section {
            fraction: has_digits && slash && !date,
            has_digits,
            pattern: pattern(&toks),
            toks: if date {
                minutes_after_hours(toks)
            } else {
                toks
            },
            date,
        }
    }
}

/// The format code Excel shows for built-in format `id` in a Chinese
/// (zh-CN) Excel, where it differs from the US code calamine reports.
pub fn zh_builtin(id: u32) -> Option<&'static str> {
    Some(match id {
        14 => "yyyy/m/d",
        22 => "yyyy/m/d h:mm",
        27 | 36 | 50 | 52 | 57 => "yyyy\"年\"m\"月\"",
        28 | 29 | 51 | 53 | 54 | 58 => "m\"月\"d\"日\"",
        30 => "m-d-yy",
        31 => "yyyy\"年\"m\"月\"d\"日\"",
        32 | 34 | 55 => "h\"时\"mm\"分\"",
        33 | 35 | 56 => "h\"时\"mm\"分\"ss\"秒\"",
        _ => return None,
    })
}

/// The code of built-in format `id` as a Chinese Excel shows it (for XLS
/// files, whose cells name formats by id only).
pub fn builtin_code(id: u32) -> Option<&'static str> {
    zh_builtin(id).or(Some(match id {
        0 => "General",
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        5 | 37 => "#,##0 ;(#,##0)",
        6 | 38 => "#,##0 ;[Red](#,##0)",
        7 | 39 => "#,##0.00;(#,##0.00)",
        8 | 40 => "#,##0.00;[Red](#,##0.00)",
        9 => "0%",
        10 => "0.00%",
        11 => "0.00E+00",
        15 => "d-mmm-yy",
        16 => "d-mmm",
        17 => "mmm-yy",
        18 => "h:mm AM/PM",
        19 => "h:mm:ss AM/PM",
        20 => "h:mm",
        21 => "h:mm:ss",
        41 => "_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)",
        43 => "_(* #,##0.00_);_(* (#,##0.00);_(* \"-\"??_);_(@_)",
        45 => "mm:ss",
        48 => "##0.0E+0",
        49 => "@",
        _ => return None,
    }))
}

/// `General`: integers without decimals, others in their shortest form
/// after rounding to Excel's 15 significant digits.
pub fn general(v: f64) -> String {
    if !v.is_finite() {
        return "#NUM!".to_string();
    }
    let rounded: f64 = format!("{:.*e}", SIG_DIGITS - 1, v).parse().unwrap_or(v);
    if rounded == 0.0 {
        return "0".to_string();
    }
    if rounded.abs() >= 1e21 || rounded.abs() < 1e-9 {
        return format!("{rounded:E}");
    }
    format!("{rounded}")
}

/// Splits at `;` outside quotes, brackets and escapes.
fn split_sections(code: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut quoted, mut bracket, mut escaped) = (0, false, false, false);
    for (i, c) in code.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if !quoted => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            ';' if !quoted && !bracket => {
                out.push(&code[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&code[start..]);
    out
}

/// One piece of a format section.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Lit(String),
    /// `0`, `#` or `?`.
    Digit(char),
    Dot,
    Comma,
    Percent,
    /// `E+` / `E-`: the exponent's placeholders follow as digits.
    Exp,
    /// A run of one date letter (`yyyy`, `m`, `dd`, `h`, `ss`).
    Date(char, usize),
    AmPm,
    General,
}

/// Tokens of one section: quoted text, escapes and `[$¥-804]` currency
/// become literals; colours, conditions, padding and fill vanish.
fn tokenize(section: &str) -> Vec<Tok> {
    let chars: Vec<char> = section.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let rest: String = chars.get(i..).unwrap_or(&[]).iter().take(7).collect();
        let (tok, used) = match c {
            '"' => {
                let text: String = chars
                    .iter()
                    .skip(i + 1)
                    .take_while(|&&x| x != '"')
                    .collect();
                let used = text.chars().count() + 2;
                (Some(Tok::Lit(text)), used)
            }
            '\\' => (chars.get(i + 1).map(|x| Tok::Lit(x.to_string())), 2),
            '_' | '*' => (None, 2),
            '[' => {
                let inner: String = chars
                    .iter()
                    .skip(i + 1)
                    .take_while(|&&x| x != ']')
                    .collect();
                let used = inner.chars().count() + 2;
                (bracket_literal(&inner).map(Tok::Lit), used)
            }
            '0' | '#' | '?' => (Some(Tok::Digit(c)), 1),
            '.' => (Some(Tok::Dot), 1),
            ',' => (Some(Tok::Comma), 1),
            '%' => (Some(Tok::Percent), 1),
            // A number in a text-formatted cell prints as General.
            '@' => (Some(Tok::General), 1),
            'E' | 'e' if matches!(chars.get(i + 1), Some('+' | '-')) => (Some(Tok::Exp), 2),
            _ if rest.eq_ignore_ascii_case("general") => (Some(Tok::General), 7),
            // The Chinese Excel's name for General.
            _ if rest.starts_with("G/通用格式") => (Some(Tok::General), 6),
            _ if rest.to_ascii_uppercase().starts_with("AM/PM") => (Some(Tok::AmPm), 5),
            _ if rest.to_ascii_uppercase().starts_with("A/P") => (Some(Tok::AmPm), 3),
            'y' | 'Y' | 'm' | 'M' | 'd' | 'D' | 'h' | 'H' | 's' | 'S' => {
                let lower = c.to_ascii_lowercase();
                let n = chars
                    .iter()
                    .skip(i)
                    .take_while(|x| x.to_ascii_lowercase() == lower)
                    .count();
                (Some(Tok::Date(lower, n)), n)
            }
            _ => (Some(Tok::Lit(c.to_string())), 1),
        };
        out.extend(tok);
        i += used.max(1);
    }
    out
}

/// `[$¥-804]` → `¥`; `[Red]`, `[>=100]`, `[$-804]`, `[DBNum1]` → nothing.
fn bracket_literal(inner: &str) -> Option<String> {
    let cur = inner.strip_prefix('$')?;
    let sym = cur.split('-').next().unwrap_or("");
    (!sym.is_empty()).then(|| sym.to_string())
}

/// The digit pattern of a numeric section.
#[derive(Debug, Default, Clone)]
struct Pattern {
    int_zeros: usize,
    grouping: bool,
    /// Each trailing comma divides by 1000.
    scale_commas: usize,
    dec_min: usize,
    dec_max: usize,
    has_dot: bool,
    percent: usize,
    exp_zeros: Option<usize>,
}

fn pattern(toks: &[Tok]) -> Pattern {
    let mut p = Pattern::default();
    let (mut in_dec, mut in_exp, mut pending_commas) = (false, false, 0);
    for t in toks {
        match t {
            Tok::Digit(d) if in_exp => *p.exp_zeros.get_or_insert(0) += usize::from(*d == '0'),
            Tok::Digit(d) if in_dec => {
                p.dec_max += 1;
                p.dec_min += usize::from(*d == '0');
            }
            Tok::Digit(d) => {
                p.grouping |= pending_commas > 0;
                pending_commas = 0;
                p.int_zeros += usize::from(*d == '0');
            }
            Tok::Comma if !in_dec && !in_exp => pending_commas += 1,
            Tok::Dot if !in_exp => {
                in_dec = true;
                p.has_dot = true;
            }
            Tok::Percent => p.percent += 1,
            Tok::Exp => {
                in_exp = true;
                p.exp_zeros.get_or_insert(0);
            }
            _ => {}
        }
    }
    p.scale_commas = pending_commas;
    p.dec_max = p.dec_max.min(MAX_DECIMALS);
    p.dec_min = p.dec_min.min(p.dec_max);
    p
}

impl Section {
    /// A numeric section: literals before the first placeholder, the
    /// number, then the remaining literals; a section of literal text
    /// alone (`"-"`) prints no number.
    fn number_text(&self, v: f64) -> String {
        if self.fraction {
            return general(v);
        }
        let p = &self.pattern;
        let mut x = v * 100f64.powi(i32::try_from(p.percent).unwrap_or(0));
        x /= 1000f64.powi(i32::try_from(p.scale_commas).unwrap_or(0));
        let number = match (self.has_digits, p.exp_zeros) {
            (false, _) => general(x),
            (true, Some(ez)) => scientific(x, p, ez),
            (true, None) => fixed(x, p),
        };
        let mut out = String::new();
        let mut placed = false;
        for t in &self.toks {
            match t {
                Tok::Lit(s) => out.push_str(s),
                Tok::Percent => out.push('%'),
                Tok::Digit(_) | Tok::General if !placed => {
                    out.push_str(&number);
                    placed = true;
                }
                _ => {}
            }
        }
        out
    }

    /// A date section printing `serial`.
    fn date_text(&self, serial: f64, is_1904: bool) -> String {
        let Some(dt) = DateTime::from_serial(serial, is_1904) else {
            return general(serial);
        };
        let twelve = self.toks.contains(&Tok::AmPm);
        let mut out = String::new();
        for t in &self.toks {
            match t {
                Tok::Lit(s) => out.push_str(s),
                Tok::Date(c, n) => out.push_str(&dt.part(*c, *n, twelve)),
                Tok::AmPm => out.push_str(if dt.hour < 12 { "AM" } else { "PM" }),
                Tok::Digit(d) => out.push(*d),
                Tok::Dot => out.push('.'),
                Tok::Comma => out.push(','),
                _ => {}
            }
        }
        out
    }
}

/// Fixed-point digits of `x` rounded half away from zero at `p.dec_max`
/// decimals (after Excel's 15-digit rounding), grouped and padded.
fn fixed(x: f64, p: &Pattern) -> String {
    let (neg, int_part, frac) = round_decimal(x, p.dec_max);
    let mut frac = frac;
    while frac.len() > p.dec_min && frac.ends_with('0') {
        frac.pop();
    }
    let mut int_part = int_part.trim_start_matches('0').to_string();
    while int_part.len() < p.int_zeros {
        int_part.insert(0, '0');
    }
    if p.grouping {
        int_part = group_thousands(&int_part);
    }
    let mut out = String::new();
    if neg
        && (int_part.bytes().any(|b| b.is_ascii_digit() && b != b'0')
            || frac.bytes().any(|b| b != b'0'))
    {
        out.push('-');
    }
    out.push_str(&int_part);
    if p.has_dot {
        out.push('.');
        out.push_str(&frac);
    }
    out
}

/// `x` in decimal, rounded half away from zero at `decimals` places:
/// (negative, integer digits, exactly `decimals` fraction digits).
fn round_decimal(x: f64, decimals: usize) -> (bool, String, String) {
    let sci = format!("{:.*e}", SIG_DIGITS - 1, x.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let digits: Vec<u8> = mantissa
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    // Digit k of `digits` has place value 10^(exp - k); keep places down to 10^-decimals.
    let dec = i64::try_from(decimals).unwrap_or(0);
    let top = exp.max(0);
    let mut place: Vec<u8> = (-dec..=top)
        .rev()
        .map(|e| digit_at(&digits, exp, e))
        .collect();
    if digit_at(&digits, exp, -dec - 1) >= 5 {
        carry(&mut place);
    }
    let int_len = place.len().saturating_sub(decimals);
    let to_str = |d: &[u8]| d.iter().map(|&b| char::from(b'0' + b)).collect::<String>();
    let int_digits = to_str(place.get(..int_len).unwrap_or(&[]));
    let frac_digits = to_str(place.get(int_len..).unwrap_or(&[]));
    (x < 0.0, int_digits, frac_digits)
}

fn digit_at(digits: &[u8], exp: i64, place: i64) -> u8 {
    usize::try_from(exp - place)
        .ok()
        .and_then(|k| digits.get(k).copied())
        .unwrap_or(0)
}

/// Adds one to the last digit, carrying leftwards (growing by a digit).
fn carry(place: &mut Vec<u8>) {
    for d in place.iter_mut().rev() {
        if *d == 9 {
            *d = 0;
        } else {
            *d += 1;
            return;
        }
    }
    place.insert(0, 1);
}

fn group_thousands(int_part: &str) -> String {
    let n = int_part.len();
    let mut out = String::with_capacity(n + n / 3);
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn scientific(x: f64, p: &Pattern, exp_zeros: usize) -> String {
    let s = format!("{:.*e}", p.dec_max, x);
    let (mantissa, exp) = s.split_once('e').unwrap_or((s.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let sign = if exp < 0 { '-' } else { '+' };
    let width = exp_zeros.max(1);
    format!("{mantissa}E{sign}{:0width$}", exp.abs())
}

/// `m`/`mm` right after an hour or right before a second means minutes.
fn minutes_after_hours(mut toks: Vec<Tok>) -> Vec<Tok> {
    let dates: Vec<usize> = (0..toks.len())
        .filter(|&i| matches!(toks.get(i), Some(Tok::Date(..))))
        .collect();
    for (k, &i) in dates.iter().enumerate() {
        let prev = k
            .checked_sub(1)
            .and_then(|j| dates.get(j))
            .and_then(|&j| toks.get(j));
        let next = dates.get(k + 1).and_then(|&j| toks.get(j));
        let is_minute = matches!(toks.get(i), Some(Tok::Date('m', n)) if *n <= 2)
            && (matches!(prev, Some(Tok::Date('h', _))) || matches!(next, Some(Tok::Date('s', _))));
        if let (true, Some(Tok::Date(_, n))) = (is_minute, toks.get(i).cloned()) {
            if let Some(t) = toks.get_mut(i) {
                *t = Tok::Date('n', n);
            }
        }
    }
    toks
}

/// A calendar date and time of day.
#[derive(Debug, PartialEq)]
struct DateTime {
    year: i64,
    month: u32,
    day: u32,
    weekday: usize,
    hour: u32,
    minute: u32,
    second: u32,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

impl DateTime {
    /// Excel's serial: days since 1899-12-31 (with the fictitious
    /// 1900-02-29 as day 60), or since 1904-01-01.
    fn from_serial(serial: f64, is_1904: bool) -> Option<Self> {
        if !(0.0..3_000_000.0).contains(&serial) {
            return None;
        }
        let total = (serial * 86_400.0).round() as i64;
        let (days, secs) = (total.div_euclid(86_400), total.rem_euclid(86_400));
        // 1899-12-31 is day -25,568 from 1970-01-01; from day 61 on the
        // fictitious 1900-02-29 shifts the count by one.
        let unix_day = if is_1904 {
            days - 24_107
        } else if days < 61 {
            days - 25_568
        } else {
            days - 25_569
        };
        let (year, month, day) = if !is_1904 && days == 60 {
            (1900, 2, 29)
        } else {
            civil_from_days(unix_day)
        };
        Some(DateTime {
            year,
            month,
            day,
            weekday: usize::try_from((unix_day + 4).rem_euclid(7)).unwrap_or(0),
            hour: u32::try_from(secs / 3600).unwrap_or(0),
            minute: u32::try_from(secs % 3600 / 60).unwrap_or(0),
            second: u32::try_from(secs % 60).unwrap_or(0),
        })
    }

    /// One date token: `c` is y, m (month), n (minute), d, h or s.
    fn part(&self, c: char, n: usize, twelve: bool) -> String {
        let month_name = MONTHS
            .get(self.month.saturating_sub(1) as usize)
            .copied()
            .unwrap_or("");
        let day_name = WEEKDAYS.get(self.weekday).copied().unwrap_or("");
        let two = |v: u32| format!("{v:02}");
        match (c, n) {
            ('y', 1 | 2) => format!("{:02}", self.year.rem_euclid(100)),
            ('y', _) => format!("{:04}", self.year),
            ('m', 1) => self.month.to_string(),
            ('m', 2) => two(self.month),
            ('m', 3) => month_name.chars().take(3).collect(),
            ('m', 5) => month_name.chars().take(1).collect(),
            ('m', _) => month_name.to_string(),
            ('d', 1) => self.day.to_string(),
            ('d', 2) => two(self.day),
            ('d', 3) => day_name.chars().take(3).collect(),
            ('d', _) => day_name.to_string(),
            ('h', _) => {
                let h = if twelve {
                    (self.hour + 11) % 12 + 1
                } else {
                    self.hour
                };
                if n >= 2 {
                    two(h)
                } else {
                    h.to_string()
                }
            }
            ('n', 1) => self.minute.to_string(),
            ('n', _) => two(self.minute),
            ('s', 1) => self.second.to_string(),
            ('s', _) => two(self.second),
            _ => String::new(),
        }
    }
}

/// (year, month, day) of a day count from 1970-01-01 (proleptic Gregorian).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_printed() {
        assert_eq!(format_number(1234.5, "#,##0.00"), "1,234.50");
        assert_eq!(format_number(1234567.891, "#,##0.00"), "1,234,567.89");
        assert_eq!(format_number(8.66, "0.00"), "8.66");
        assert_eq!(format_number(6923.3552, "0.0000"), "6923.3552");
        assert_eq!(format_number(2.675, "0.00"), "2.68");
        assert_eq!(format_number(0.5, "#.00"), ".50");
        assert_eq!(format_number(999.996, "#,##0.00"), "1,000.00");
        assert_eq!(format_number(-1234.5, "#,##0.00"), "-1,234.50");
        assert_eq!(format_number(-0.001, "0.00"), "0.00");
        assert_eq!(format_number(12345678.0, "#,##0,"), "12,346");
        assert_eq!(format_number(3.0, "0"), "3");
        assert_eq!(format_number(0.0, "#,##0"), "0");
    }

    #[test]
    fn sections_literals_and_percent() {
        assert_eq!(format_number(-5.0, "#,##0.00;(#,##0.00)"), "(5.00)");
        assert_eq!(format_number(0.0, "0.00;-0.00;\"-\""), "-");
        assert_eq!(format_number(-12.0, "0.00_);[Red]\\(0.00\\)"), "(12.00)");
        assert_eq!(format_number(12.0, "0.00_);[Red]\\(0.00\\)"), "12.00");
        assert_eq!(format_number(0.925, "0.0%"), "92.5%");
        assert_eq!(format_number(0.92, "0%"), "92%");
        assert_eq!(format_number(100.0, "0.00\"万元\""), "100.00万元");
        assert_eq!(format_number(88.0, "[$¥-804]#,##0.00"), "¥88.00");
        assert_eq!(
            format_number(1.5, "_(* #,##0.00_);_(* (#,##0.00);_(* \"-\"??_);_(@_)"),
            "1.50"
        );
        assert_eq!(format_number(12345.0, "0.00E+00"), "1.23E+04");
        assert_eq!(format_number(1.5, "General"), "1.5");
        assert_eq!(format_number(1234.5, "@"), "1234.5");
        assert_eq!(format_number(12.5, "G/通用格式"), "12.5");
        assert_eq!(
            format_number(1.5, "# ?/?"),
            "1.5",
            "fractions fall back to General"
        );
        assert_eq!(format_number(12.5, "G/通用格式\"万元\""), "12.5万元");
        assert_eq!(
            format_number(1234.5, "#,##0.00_ ;[Red]-#,##0.00 "),
            "1,234.50"
        );
        assert_eq!(format_number(-5.0, "#,##0.00_ ;[Red]-#,##0.00 "), "-5.00 ");
        assert_eq!(format_number(0.0, "#,##0.00;-#,##0.00;"), "");
    }

    #[test]
    fn general_is_the_shortest_form() {
        assert_eq!(general(1234.0), "1234");
        assert_eq!(general(0.1 + 0.2), "0.3");
        assert_eq!(general(-2.5), "-2.5");
        assert_eq!(general(0.0), "0");
    }

    #[test]
    fn dates_per_their_format() {
        // 45658 = 2025-01-01.
        assert_eq!(format_number(45658.0, "yyyy-mm-dd"), "2025-01-01");
        assert_eq!(
            format_number(45658.0, "yyyy\"年\"m\"月\"d\"日\""),
            "2025年1月1日"
        );
        assert_eq!(format_number(45658.5, "yyyy/m/d h:mm"), "2025/1/1 12:00");
        assert_eq!(format_number(45658.75, "h:mm:ss AM/PM"), "6:00:00 PM");
        assert_eq!(format_number(45658.0, "d-mmm-yy"), "1-Jan-25");
        assert_eq!(format_date(1.0, false, "yyyy-mm-dd"), "1900-01-01");
        assert_eq!(format_date(61.0, false, "yyyy-mm-dd"), "1900-03-01");
        assert_eq!(format_date(0.0, true, "yyyy-mm-dd"), "1904-01-01");
        assert_eq!(
            zh_builtin(14)
                .map(|c| format_date(45658.0, false, c))
                .as_deref(),
            Some("2025/1/1")
        );
    }

    #[test]
    fn odd_codes_do_not_panic() {
        for code in [
            "", "\"", "[", "\\", "_", "*", "0.", ".", ",", "E+", "yyyy\"", "[$", ";;;",
        ] {
            let _ = format_number(1.25, code);
            let _ = format_number(-1.25, code);
            let _ = format_date(45658.5, false, code);
        }
        let _ = format_number(1e300, "#,##0.00");
        let _ = format_number(f64::NAN, "0.00");
    }
}
