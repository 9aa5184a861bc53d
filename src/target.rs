//! Indicator targets as data: a printed 指标值 such as `不少于1000次` becomes
//! `{op: ">=", value: 1000, unit: "次", kind: "quantitative"}`. The printed
//! text is never changed; this is an extra, derived reading of it.
//!
//! `docs/targets.md` documents the grammar; its examples are checked
//! against [`parse_target`] by a test.

use crate::amount::Amount;
use crate::text::Text;
use serde::{Serialize, Serializer};
use std::fmt;

/// Comparator of a quantitative target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Ge,
    Gt,
    Le,
    Lt,
    Eq,
    Approx,
}

impl Op {
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Ge => ">=",
            Op::Gt => ">",
            Op::Le => "<=",
            Op::Lt => "<",
            Op::Eq => "=",
            Op::Approx => "~",
        }
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Op {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Quantitative,
    Qualitative,
    Unparsed,
    /// `不适用`, `不涉及`: the indicator does not apply (forms only).
    NotApplicable,
    /// A date or month as a deadline (`11月底前`): see `date` (forms only).
    TimeLimit,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Quantitative => "quantitative",
            Kind::Qualitative => "qualitative",
            Kind::Unparsed => "unparsed",
            Kind::NotApplicable => "not_applicable",
            Kind::TimeLimit => "time_limit",
        }
    }
}

/// One quantity found in a printed value: `每月不少于1次` →
/// `{qualifier: 每月, op: >=, value: 1, unit: 次}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quantity {
    pub op: Op,
    /// Exact decimal as printed (thousands separators dropped); a JSON number.
    pub value: Amount,
    /// As printed, 万/亿 multipliers included (`万人次`); `%` for ％.
    pub unit: Option<Text>,
    /// Period, distribution or change the number applies under:
    /// `每月`, `全年`, `各`, `每场`, `较上年下降`, `增长`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Text>,
    /// The words naming what is counted, e.g. `采购验收合格率`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<Text>,
}

/// The reading of one printed 指标值.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Target {
    pub op: Option<Op>,
    pub value: Option<Amount>,
    pub unit: Option<Text>,
    pub kind: Kind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<Text>,
    /// Every quantity of a value that prints several; then `op`, `value`
    /// and `unit` are null, since no one of them is *the* target.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Quantity>,
    /// Why a value is `unparsed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Text>,
    /// The date or period of a `time_limit`, as printed (`11月底`,
    /// `2023.07-2024.01`); `op` says before (`<=`) or after (`>=`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Text>,
}

impl Target {
    fn bare(kind: Kind) -> Target {
        Target {
            op: None,
            value: None,
            unit: None,
            kind,
            qualifier: None,
            subject: None,
            parts: Vec::new(),
            reason: None,
            date: None,
        }
    }

    fn unparsed(reason: impl Into<Text>) -> Target {
        Target {
            reason: Some(reason.into()),
            ..Target::bare(Kind::Unparsed)
        }
    }

    fn single(q: Quantity) -> Target {
        Target {
            op: Some(q.op),
            value: Some(q.value),
            unit: q.unit,
            qualifier: q.qualifier,
            subject: q.subject,
            ..Target::bare(Kind::Quantitative)
        }
    }

    /// CSV column names for one value: `csv_header("annual")` →
    /// `annual_op, annual_number, annual_unit, annual_kind`.
    pub fn csv_header(prefix: &str) -> [String; 4] {
        ["op", "number", "unit", "kind"].map(|c| format!("{prefix}_{c}"))
    }

    /// CSV cells `op, number, unit, kind`; empty strings for nulls (and for
    /// an indicator without the value, use `Default` of `[String; 4]`).
    pub fn csv_fields(&self) -> [String; 4] {
        [
            self.op.map(|o| o.as_str().to_string()).unwrap_or_default(),
            self.value.map(|v| v.to_string()).unwrap_or_default(),
            self.unit.as_deref().unwrap_or_default().to_string(),
            self.kind.as_str().to_string(),
        ]
    }
}

/// Reads a printed 指标值. Never fails: what it cannot read is
/// `Kind::Unparsed` with a reason.
pub fn parse_target(printed: &str) -> Target {
    let norm = normalize(printed);
    let text: String = norm.iter().collect();
    if text.is_empty() || is_placeholder(&text) {
        return Target::unparsed("no value printed");
    }
    let work = unmasked(&norm);
    let found = match Scanner::new(&norm, &work).scan() {
        Ok(found) => found,
        Err(reason) => return Target::unparsed(reason),
    };
    match found.len() {
        0 if text.contains("保密") => Target::unparsed("withheld (保密)"),
        0 => Target::bare(Kind::Qualitative),
        1 => found
            .into_iter()
            .next()
            .map_or_else(|| Target::bare(Kind::Qualitative), Target::single),
        _ => Target {
            parts: found,
            ..Target::bare(Kind::Quantitative)
        },
    }
}

/// A value of a form's grid, printed in pieces as grids with 计量单位 and
/// 指标方向 columns print it: `99.9` + `%` + `≥` reads as `≥99.9%`. A
/// direction that is no comparator (正向, 定量) and a unit the value already
/// ends with add nothing. Before the packed grammar, forms read `不适用` as
/// `not_applicable` and a date or month (`11月底前`) as a `time_limit`.
pub fn parse_split(value: &str, unit: Option<&str>, direction: Option<&str>) -> Target {
    let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    if NOT_APPLICABLE.contains(&compact.as_str()) {
        return Target::bare(Kind::NotApplicable);
    }
    if let Some(t) = time_limit(&compact) {
        return t;
    }
    let mut text = String::new();
    let own_op = value.trim_start().starts_with([
        '≥', '≤', '≧', '≦', '>', '<', '=', '＞', '＜', '＝', '不', '大', '小', '低', '高',
    ]);
    if let Some(op) = direction.and_then(direction_op).filter(|_| !own_op) {
        text.push_str(op);
    }
    text.push_str(value);
    if let Some(u) = unit.map(str::trim).filter(|u| !u.is_empty()) {
        // An Excel serial leaks into both cells (`44,561` | `44,561`).
        if !value.trim_end().ends_with(u) && u != value.trim() {
            text.push_str(u);
        }
    }
    parse_target(&text)
}

const NOT_APPLICABLE: &[&str] = &["不适用", "不涉及", "无此项", "不适用。"];

/// `11月底前`, `2025年12月31日前完成`, `2023.07-2024.01`, `2025年1月-2025年12月`.
fn time_limit(text: &str) -> Option<Target> {
    static RE: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    const DATE: &str = r"(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日|底|末|初|上旬|中旬|下旬)?|\d{4}年(?:底|末)?|\d{4}[./-]\d{1,2}(?:[./-]\d{1,2})?";
    let re = RE
        .get_or_init(|| {
            let pattern = format!(
                "^(?:于|在)?((?:{DATE})(?:[-—~～至到](?:{DATE}))?)(前|之前|以前|内|之内|以内|后|之后|以后)?(?:完成|完工|结束|办结|竣工)?$"
            );
            regex::Regex::new(&pattern).ok()
        })
        .as_ref()?;
    let c = re.captures(text)?;
    let date = c.get(1)?.as_str();
    let ranged = date.contains(['-', '—', '~', '～', '至', '到']);
    let op = match c.get(2).map(|m| m.as_str()) {
        Some("后" | "之后" | "以后") => Some(Op::Ge),
        Some(_) => Some(Op::Le),
        None if ranged => None,
        None => Some(Op::Eq),
    };
    Some(Target {
        op,
        date: Some(date.into()),
        ..Target::bare(Kind::TimeLimit)
    })
}

/// A 指标方向 cell as the comparator it prints (`=` adds nothing).
fn direction_op(direction: &str) -> Option<&'static str> {
    let d: String = direction.chars().filter(|c| !c.is_whitespace()).collect();
    Some(match d.as_str() {
        "≥" | "≧" | ">=" | "＞＝" | "大于等于" | "不低于" | "不少于" => "≥",
        "≤" | "≦" | "<=" | "＜＝" | "小于等于" | "不高于" | "不超过" => "≤",
        ">" | "＞" | "大于" | "高于" => ">",
        "<" | "＜" | "小于" | "低于" => "<",
        _ => return None,
    })
}

/// Full-width digits, letters and signs to ASCII; whitespace dropped.
fn normalize(s: &str) -> Vec<char> {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９'
            | 'Ａ'..='Ｚ'
            | 'ａ'..='ｚ'
            | '％'
            | '．'
            | '＞'
            | '＜'
            | '＝'
            | '＋'
            | '／'
            | '～'
            | '－' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '≧' | '⩾' => '≥',
            '≦' | '⩽' => '≤',
            _ => c,
        })
        .collect()
}

fn is_placeholder(text: &str) -> bool {
    text.chars()
        .all(|c| matches!(c, '-' | '—' | '/' | '\\' | '无' | '空' | '…'))
}

/// Indexes of `norm` outside quoted names (“十三五”, 《纲要》) and
/// brackets (（其中线下8场）): numbers in them are names or breakdowns.
fn unmasked(norm: &[char]) -> Vec<usize> {
    let mut keep = Vec::with_capacity(norm.len());
    let mut i = 0;
    while i < norm.len() {
        let close = closing(norm[i]).and_then(|c| {
            norm[i + 1..]
                .iter()
                .position(|&x| x == c)
                .map(|p| i + 1 + p)
        });
        match close {
            Some(end) => i = end + 1,
            None => {
                keep.push(i);
                i += 1;
            }
        }
    }
    keep
}

fn closing(open: char) -> Option<char> {
    Some(match open {
        '“' => '”',
        '‘' => '’',
        '"' => '"',
        '《' => '》',
        '「' => '」',
        '『' => '』',
        '（' => '）',
        '(' => ')',
        '【' => '】',
        '[' => ']',
        _ => return None,
    })
}

/// Comparator words, longest first so `大于等于` wins over `等于`.
const PREFIX_OPS: &[(&str, Op)] = &[
    ("大于等于", Op::Ge),
    ("大于或等于", Op::Ge),
    ("小于等于", Op::Le),
    ("小于或等于", Op::Le),
    ("不少于", Op::Ge),
    ("不低于", Op::Ge),
    ("不小于", Op::Ge),
    ("不超过", Op::Le),
    ("不高于", Op::Le),
    ("不多于", Op::Le),
    ("不大于", Op::Le),
    ("控制在", Op::Le),
    ("至少", Op::Ge),
    ("达到", Op::Ge),
    ("超过", Op::Gt),
    ("高于", Op::Gt),
    ("大于", Op::Gt),
    ("多于", Op::Gt),
    ("低于", Op::Lt),
    ("小于", Op::Lt),
    ("少于", Op::Lt),
    ("不足", Op::Lt),
    ("等于", Op::Eq),
    (">=", Op::Ge),
    ("<=", Op::Le),
    ("≥", Op::Ge),
    ("≤", Op::Le),
    (">", Op::Gt),
    ("<", Op::Lt),
    ("=", Op::Eq),
    ("约", Op::Approx),
    ("≈", Op::Approx),
    ("达", Op::Ge),
];

const SUFFIX_OPS: &[(&str, Op)] = &[
    ("及以上", Op::Ge),
    ("以上", Op::Ge),
    ("及以下", Op::Le),
    ("以下", Op::Le),
    ("以内", Op::Le),
    ("之内", Op::Le),
    ("左右", Op::Approx),
    ("内", Op::Le),
];

/// Before `达`, these make a verb (传达, 到达), not a comparator.
const NOT_BEFORE_DA: &[char] = &['传', '到', '表', '送', '下', '抵', '发', '转', '直'];

/// After `内`, these make a word (内部, 内容), not a bound.
const NOT_AFTER_NEI: &[char] = &['部', '容', '涵', '控', '设', '外', '务', '网', '在', '审'];

/// Measure words, longest first. A number counts only with one of these
/// (or none at all, at the end of a clause).
const UNITS: &[&str] = &[
    "个百分点",
    "个工作日",
    "平方公里",
    "千瓦时",
    "百分点",
    "工作日",
    "平方米",
    "立方米",
    "个月",
    "人次",
    "场次",
    "户次",
    "家次",
    "件次",
    "批次",
    "课时",
    "学时",
    "小时",
    "分钟",
    "平米",
    "公里",
    "千米",
    "公顷",
    "公斤",
    "千克",
    "千瓦",
    "字段",
    "人天",
    "次",
    "场",
    "个",
    "人",
    "本",
    "篇",
    "项",
    "张",
    "份",
    "条",
    "页",
    "件",
    "台",
    "卷",
    "期",
    "家",
    "天",
    "年",
    "周",
    "元",
    "级",
    "名",
    "位",
    "户",
    "所",
    "册",
    "套",
    "批",
    "部",
    "辆",
    "座",
    "处",
    "株",
    "棵",
    "亩",
    "吨",
    "度",
    "倍",
    "届",
    "节",
    "门",
    "类",
    "种",
    "款",
    "分",
    "星",
    "幅",
    "首",
    "集",
    "间",
    "栋",
    "米",
    "轮",
    "组",
    "支",
    "宗",
    "笔",
    "秒",
    "%",
    "‰",
];

/// Latin units; must not run on into more letters (`5G` is a name).
const LATIN_UNITS: &[&str] = &[
    "kWh", "Mbps", "km", "kg", "kW", "GB", "TB", "MB", "ms", "min", "dB", "m2", "m³", "m²", "s",
    "h", "m", "t",
];

/// 万/亿 kept in the unit: `3000万人次` → 3000, `万人次`.
const MULTIPLIERS: &[&str] = &["千万", "百万", "十万", "万", "亿", "千", "百"];

/// Words that follow a clause's own numbers without being measure words;
/// a clause separator ends a bare number.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '；' | ';' | '。' | '：' | ':' | '、' | '！' | '？'
    )
}

fn is_clause_break(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';' | '。' | '：' | ':')
}

fn chinese_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn chinese_power(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

fn is_chinese_numeral(c: char) -> bool {
    chinese_digit(c).is_some() || chinese_power(c).is_some()
}

/// `一`, `十二`, `两千五百`, `一百零五`; `None` for runs that are not a
/// number (`十三五`, `三五`, a bare `千`). 万/亿 are left to the unit.
fn chinese_value(run: &[char]) -> Option<u64> {
    let (mut total, mut digit, mut last_power) = (0u64, None::<u64>, u64::MAX);
    for &c in run {
        if let Some(d) = chinese_digit(c) {
            if digit.is_some() {
                return None;
            }
            digit = if d == 0 { None } else { Some(d) };
        } else if let Some(p) = chinese_power(c) {
            if p >= last_power {
                return None;
            }
            let d = match digit {
                Some(d) => d,
                None if p == 10 && total == 0 => 1,
                None => return None,
            };
            total += d * p;
            digit = None;
            last_power = p;
        }
    }
    Some(total + digit.unwrap_or(0))
}

struct Scanner<'a> {
    norm: &'a [char],
    /// Unmasked positions in `norm`; the scanner walks these.
    work: &'a [usize],
    /// Work index where the previous quantity ended.
    prev_end: usize,
}

struct Unit {
    text: Option<String>,
    /// Work index after the unit.
    end: usize,
    more: bool,
}

/// Where a number sits in `work` and what it is.
struct Number {
    start: usize,
    end: usize,
    value: Amount,
    chinese: bool,
}

impl<'a> Scanner<'a> {
    fn new(norm: &'a [char], work: &'a [usize]) -> Self {
        Scanner {
            norm,
            work,
            prev_end: 0,
        }
    }

    fn ch(&self, i: usize) -> Option<char> {
        self.work.get(i).and_then(|&n| self.norm.get(n)).copied()
    }

    fn starts_with(&self, i: usize, word: &str) -> bool {
        word.chars()
            .enumerate()
            .all(|(k, c)| self.ch(i + k) == Some(c))
    }

    /// Does `word` end just before work index `i`?
    fn ends_with(&self, i: usize, word: &str) -> bool {
        let n = word.chars().count();
        i >= n && self.starts_with(i - n, word)
    }

    fn scan(mut self) -> Result<Vec<Quantity>, String> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < self.work.len() {
            let Some(c) = self.ch(i) else { break };
            let number = if c.is_ascii_digit() {
                self.arabic(i)?
            } else if is_chinese_numeral(c) {
                match self.chinese(i) {
                    Ok(n) => n,
                    // 十三五: not a number; skip the whole run.
                    Err(end) => {
                        i = end;
                        continue;
                    }
                }
            } else {
                i += 1;
                continue;
            };
            if self.skip_number(&number) {
                i = number.end;
                continue;
            }
            match self.quantity(&number)? {
                Some((q, end)) => {
                    found.push(q);
                    self.prev_end = end;
                    i = end;
                }
                None => i = number.end,
            }
        }
        Ok(found)
    }

    /// Reads `1,200.5` at `i`.
    fn arabic(&self, i: usize) -> Result<Number, String> {
        let mut end = i;
        let mut s = String::new();
        while let Some(c) = self.ch(end) {
            let grouped = c == ','
                && (1..=3).all(|k| self.ch(end + k).is_some_and(|d| d.is_ascii_digit()))
                && !self.ch(end + 4).is_some_and(|d| d.is_ascii_digit());
            let decimal = c == '.' && self.ch(end + 1).is_some_and(|d| d.is_ascii_digit());
            if c.is_ascii_digit() || decimal {
                s.push(c);
            } else if !grouped {
                break;
            }
            end += 1;
        }
        if s.chars().filter(|c| c.is_ascii_digit()).count() > 15 {
            return Err(format!("number {s} too long to be a target"));
        }
        let Some(value) = Amount::parse(&s) else {
            return Err(format!("number {s} not readable"));
        };
        Ok(Number {
            start: i,
            end,
            value,
            chinese: false,
        })
    }

    /// Reads a Chinese numeral run at `i`; `Err(end of run)` if it is none.
    fn chinese(&self, i: usize) -> Result<Number, usize> {
        let mut end = i;
        let mut run = Vec::new();
        while let Some(c) = self.ch(end).filter(|&c| is_chinese_numeral(c)) {
            run.push(c);
            end += 1;
        }
        let value = chinese_value(&run)
            .and_then(|v| Amount::parse(&v.to_string()))
            .ok_or(end)?;
        Ok(Number {
            start: i,
            end,
            value,
            chinese: true,
        })
    }

    /// Years (2023年, 2021-2023), dates (6月, 30日), ordinals (第3) and
    /// codes (ISO27001, 5G, GB/T) are never values.
    fn skip_number(&self, num: &Number) -> bool {
        let before = num.start.checked_sub(1).and_then(|b| self.ch(b));
        let after = self.ch(num.end);
        if before == Some('第') {
            return true;
        }
        if num.chinese {
            return false;
        }
        if before.is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, '-' | '/' | '.' | '#')) {
            return true;
        }
        if self.is_year(num) {
            return true;
        }
        let int = num.value.to_string().parse::<u64>().ok();
        match after {
            Some('月') => int.is_some_and(|m| (1..=12).contains(&m)),
            Some('日' | '号') => int.is_some_and(|d| (1..=31).contains(&d)),
            // `阅读量5000+的推文`: a number inside the subject.
            Some('+') => self.ch(num.end + 1) == Some('的'),
            Some(a) if a.is_ascii_alphabetic() => self.latin_unit(num.end).is_none(),
            _ => false,
        }
    }

    fn is_year(&self, num: &Number) -> bool {
        let is_year_number = |n: &Number| {
            n.end - n.start == 4
                && n.value
                    .to_string()
                    .parse::<u32>()
                    .is_ok_and(|y| (1900..=2100).contains(&y))
        };
        if !is_year_number(num) {
            return false;
        }
        match self.ch(num.end) {
            Some('年') => true,
            Some('-' | '—' | '~' | '至' | '到') => {
                self.arabic(num.end + 1).is_ok_and(|n| is_year_number(&n))
            }
            _ => false,
        }
    }

    fn latin_unit(&self, i: usize) -> Option<&'static str> {
        LATIN_UNITS.iter().copied().find(|u| {
            self.starts_with(i, u)
                && !self
                    .ch(i + u.chars().count())
                    .is_some_and(|c| c.is_ascii_alphanumeric())
        })
    }

    /// Unit at `i`: a measure word, or a 万/亿 multiplier with an optional
    /// measure word (`万人次`, `亿元`), then an optional `/次` divisor. Also
    /// says whether 余/多 (`3万余人次`) sat after the multiplier.
    fn unit(&self, i: usize) -> Unit {
        let mut unit = String::new();
        let mut at = i;
        let mut more = false;
        let mut word = self.measure_word(at);
        if word.is_none() {
            if let Some(m) = MULTIPLIERS.iter().find(|m| self.starts_with(at, m)) {
                unit.push_str(m);
                at += m.chars().count();
                if matches!(self.ch(at), Some('余' | '多')) {
                    more = true;
                    at += 1;
                }
                word = self.measure_word(at);
            }
        }
        if let Some(u) = word {
            unit.push_str(u);
            at += u.chars().count();
            if self.ch(at) == Some('/') {
                if let Some(d) = self.measure_word(at + 1) {
                    unit.push('/');
                    unit.push_str(d);
                    at += 1 + d.chars().count();
                }
            }
        }
        match unit.is_empty() {
            true => Unit {
                text: None,
                end: i,
                more: false,
            },
            false => Unit {
                text: Some(unit),
                end: at,
                more,
            },
        }
    }

    fn measure_word(&self, i: usize) -> Option<&'static str> {
        UNITS
            .iter()
            .copied()
            .find(|u| self.starts_with(i, u))
            .or_else(|| self.latin_unit(i))
    }

    fn prefix_op(&self, start: usize) -> Option<(Op, usize)> {
        let floor = self.prev_end;
        PREFIX_OPS.iter().find_map(|&(w, op)| {
            let n = w.chars().count();
            let at = start.checked_sub(n).filter(|&a| a >= floor)?;
            // 传达3次, 到达5个: a verb, not “reaches”.
            let verb = w == "达"
                && at > floor
                && self.ch(at - 1).is_some_and(|c| NOT_BEFORE_DA.contains(&c));
            (self.ends_with(start, w) && !verb).then_some((op, at))
        })
    }

    fn suffix_op(&self, i: usize) -> Option<(Op, usize)> {
        SUFFIX_OPS.iter().find_map(|&(w, op)| {
            let n = w.chars().count();
            let ok = self.starts_with(i, w)
                && !(w == "内" && self.ch(i + 1).is_some_and(|c| NOT_AFTER_NEI.contains(&c)));
            ok.then(|| (op, i + n))
        })
    }

    /// The quantity around `num` and the work index after it, `None` when
    /// a Chinese numeral is just part of a word (两新组织, 一次性).
    fn quantity(&self, num: &Number) -> Result<Option<(Quantity, usize)>, String> {
        let mut at = num.end;
        // 70余场, 70多场: more than 70.
        let mut more = false;
        if matches!(self.ch(at), Some('余' | '多')) {
            more = true;
            at += 1;
        }
        if matches!(self.ch(at), Some('-' | '~' | '—' | '至' | '到'))
            && self.ch(at + 1).is_some_and(|c| c.is_ascii_digit())
        {
            return Err(format!(
                "a range ({}{}…), not one target",
                num.value,
                self.ch(at).unwrap_or('-')
            ));
        }
        let unit = self.unit(at);
        more |= unit.more;
        at = unit.end;
        let suffix = self.suffix_op(at);
        let prefix = self.prefix_op(num.start);
        let op_start = prefix.map_or(num.start, |(_, s)| s);
        if num.chinese && !self.chinese_is_quantity(num, &unit, prefix.is_some(), suffix.is_some())
        {
            return Ok(None);
        }
        let unit = unit.text;
        if unit.is_none() && !self.ends_bare(at) && suffix.is_none() {
            let next: String = (at..at + 2).filter_map(|k| self.ch(k)).collect();
            return Err(format!(
                "no known unit after {} (followed by “{next}”)",
                num.value
            ));
        }
        if prefix.is_none() && num.start > self.prev_end && self.ch(num.start - 1) == Some('不') {
            return Err(format!(
                "“不” before {}{} is no comparator (a word missing?)",
                num.value,
                unit.as_deref().unwrap_or("")
            ));
        }
        let op = combine(prefix.map(|p| p.0), suffix.map(|s| s.0), more)?;
        let end = suffix.map_or(at, |s| s.1);
        let (qualifier, subject) = self.subject(op_start);
        Ok(Some((
            Quantity {
                op,
                value: num.value,
                unit: unit.map(Text::from),
                qualifier: qualifier.map(Text::from),
                subject: subject.map(Text::from),
            },
            end,
        )))
    }

    /// A bare number needs the clause to end right after it.
    fn ends_bare(&self, at: usize) -> bool {
        self.ch(at).is_none_or(is_separator)
    }

    /// Chinese numerals are common inside words, so one counts only with a
    /// measure word and a comparator, or alone at the start of a clause.
    fn chinese_is_quantity(&self, num: &Number, unit: &Unit, prefix: bool, suffix: bool) -> bool {
        if unit.text.is_none() || self.ch(unit.end) == Some('性') {
            return false;
        }
        let clause_start = num.start == 0
            || self
                .ch(num.start - 1)
                .is_some_and(|c| is_separator(c) || c == '各');
        prefix || suffix || clause_start
    }

    /// Text of the clause before the comparator, split into a qualifier
    /// (每月, 全年, 各, 增长 …) and the subject words.
    fn subject(&self, op_start: usize) -> (Option<String>, Option<String>) {
        let mut from = op_start;
        while from > self.prev_end && !self.ch(from - 1).is_some_and(is_clause_break) {
            from -= 1;
        }
        // `1个整体品牌、8个以上…`: after an earlier quantity, words before a
        // 、 belong to that quantity, not this one.
        if from == self.prev_end && self.prev_end > 0 {
            if let Some(k) = (from..op_start).rev().find(|&k| self.ch(k) == Some('、')) {
                from = k + 1;
            }
        }
        let span = match (self.work.get(from), self.work.get(op_start)) {
            (Some(&a), Some(&b)) => self.norm.get(a..b),
            (Some(&a), None) => self.norm.get(a..),
            _ => None,
        };
        let text: String = span.unwrap_or_default().iter().collect();
        split_qualifier(&text)
    }
}

/// Combines a leading and a trailing comparator; `余` means `>`.
fn combine(prefix: Option<Op>, suffix: Option<Op>, more: bool) -> Result<Op, String> {
    let from_more = more.then_some(Op::Gt);
    let ops: Vec<Op> = [prefix, suffix, from_more].into_iter().flatten().collect();
    match ops.as_slice() {
        [] => Ok(Op::Eq),
        [one] => Ok(*one),
        // 约…左右, 不少于…以上: said twice.
        [a, b] if a == b => Ok(*a),
        [Op::Approx, b] | [b, Op::Approx] => Ok(*b),
        _ => Err("comparators disagree".to_string()),
    }
}

const LEAD_QUALIFIERS: &[&str] = &["全年", "每"];
/// What may follow 每 in a leading qualifier (每月, 每场 …).
const PER: &[&str] = &[
    "个月", "季度", "学期", "半年", "月", "年", "季", "周", "天", "日", "场", "次", "个", "人",
    "期", "批", "家", "项", "所", "户",
];
const CHANGE_BASES: &[&str] = &["较上年度", "较上年", "较去年", "比上年", "同比", "环比"];
const CHANGE_VERBS: &[&str] = &[
    "增长", "下降", "减少", "降低", "提高", "提升", "增加", "缩短", "压缩", "上升",
];

/// `全年…`, `每月…`: a period or distribution opening the clause.
fn lead_qualifier(text: &str) -> Option<&str> {
    let lead = LEAD_QUALIFIERS.iter().find(|q| text.starts_with(*q))?;
    let len = match *lead {
        "每" => {
            lead.len()
                + PER
                    .iter()
                    .find(|p| text[lead.len()..].starts_with(*p))?
                    .len()
        }
        _ => lead.len(),
    };
    text.get(..len)
}

/// `…增长`, `…较上年下降`: the number is a change, not a level.
fn change_qualifier(text: &str) -> Option<&str> {
    let body = text.strip_suffix('了').unwrap_or(text);
    let verb = CHANGE_VERBS.iter().find(|v| body.ends_with(*v))?;
    let stem = &body[..body.len() - verb.len()];
    let base = CHANGE_BASES
        .iter()
        .find(|b| stem.ends_with(*b))
        .map_or(0, |b| b.len());
    text.get(stem.len() - base..)
}

const TRIM: &[char] = &[
    '，', ',', '；', ';', '。', '：', ':', '、', '和', '及', '与', '并', '且', '为', '是',
];

fn split_qualifier(text: &str) -> (Option<String>, Option<String>) {
    let mut rest = text.trim_matches(TRIM);
    let mut quals = Vec::new();
    if let Some(q) = lead_qualifier(rest) {
        quals.push(q);
        rest = &rest[q.len()..];
    }
    if let Some(r) = rest.strip_suffix('各') {
        quals.push("各");
        rest = r;
    }
    if let Some(q) = change_qualifier(rest) {
        quals.push(q);
        rest = &rest[..rest.len() - q.len()];
    }
    let rest = rest.trim_matches(TRIM);
    let qualifier = (!quals.is_empty()).then(|| quals.join(" "));
    (qualifier, (!rest.is_empty()).then(|| rest.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chinese(s: &str) -> Option<u64> {
        chinese_value(&s.chars().collect::<Vec<_>>())
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(chinese("一"), Some(1));
        assert_eq!(chinese("两"), Some(2));
        assert_eq!(chinese("十"), Some(10));
        assert_eq!(chinese("十二"), Some(12));
        assert_eq!(chinese("二十"), Some(20));
        assert_eq!(chinese("一百零五"), Some(105));
        assert_eq!(chinese("两千五百"), Some(2500));
        assert_eq!(chinese("十三五"), None);
        assert_eq!(chinese("三五"), None);
        assert_eq!(chinese("千"), None);
        assert_eq!(chinese("百十"), None);
    }

    #[test]
    fn comparators_combine() {
        assert_eq!(combine(None, None, false), Ok(Op::Eq));
        assert_eq!(combine(Some(Op::Ge), Some(Op::Ge), false), Ok(Op::Ge));
        assert_eq!(
            combine(Some(Op::Approx), Some(Op::Approx), false),
            Ok(Op::Approx)
        );
        assert_eq!(combine(None, None, true), Ok(Op::Gt));
        assert_eq!(combine(Some(Op::Approx), None, true), Ok(Op::Gt));
        assert!(combine(Some(Op::Gt), Some(Op::Ge), false).is_err());
        assert!(combine(Some(Op::Le), None, true).is_err());
    }

    #[test]
    fn qualifiers_split_from_subject() {
        assert_eq!(split_qualifier("每月"), (Some("每月".into()), None));
        assert_eq!(
            split_qualifier("每场参加人员"),
            (Some("每场".into()), Some("参加人员".into()))
        );
        assert_eq!(
            split_qualifier("读物各"),
            (Some("各".into()), Some("读物".into()))
        );
        assert_eq!(
            split_qualifier("用户数较上年增长了"),
            (Some("较上年增长了".into()), Some("用户数".into()))
        );
        assert_eq!(split_qualifier("每逢"), (None, Some("每逢".into())));
    }

    /// Any cut of a real value, and odd input, reads without panicking.
    #[test]
    fn never_panics_on_cut_or_odd_input() {
        let samples = [
            "专利拍卖会1场；项目路演对接活动4场；参会人数150人",
            "全年不少于12场（其中线下8场、线上4场）",
            "比例高于“十三五”17.4%，排名走在全国前列",
            "≤1,200元/人次",
            "3万余人次以上",
            "阅读量5000+的推文不少于24条",
            "通过ISO 27001认证；不低于三级",
            "（（“",
            "1,",
            "1.",
            ",1",
            "不",
            "约",
            "≥",
            "2023-",
            "第",
            "每",
            "1/",
        ];
        for s in samples {
            let chars: Vec<char> = s.chars().collect();
            for a in 0..=chars.len() {
                for b in a..=chars.len() {
                    let cut: String = chars[a..b].iter().collect();
                    let t = parse_target(&cut);
                    if t.kind == Kind::Unparsed {
                        assert!(t.reason.is_some(), "{cut}");
                    }
                }
            }
        }
    }

    #[test]
    fn digits_beyond_exact_range_are_refused() {
        let t = parse_target("12345678901234567个");
        assert_eq!(t.kind, Kind::Unparsed);
        assert!(t.reason.as_deref().unwrap_or("").contains("too long"));
    }
}
