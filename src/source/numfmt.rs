//! Automatic list numbers as office suites and browsers display them: the counter of a list item
//! written in the list's number format (Word's `w:numFmt`, HTML's `type` and `list-style-type`).

/// A number format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumFmt {
    Decimal,
    DecimalZero,
    DecimalFullWidth,
    DecimalEnclosedCircle,
    DecimalEnclosedParen,
    DecimalEnclosedFullstop,
    UpperRoman,
    LowerRoman,
    UpperLetter,
    LowerLetter,
    /// 一、二 … 十、十一 … 一百零一 (Word's chineseCounting, chineseCountingThousand,
    /// japaneseCounting; CSS cjk-ideographic, simp-chinese-informal).
    ChineseCounting,
    /// 壹 贰 叁 … 拾 (chineseLegalSimplified).
    ChineseLegal,
    /// 〇一二 digit by digit (ideographDigital).
    IdeographDigital,
    /// 甲 乙 丙 … 癸 (ideographTraditional).
    HeavenlyStem,
    /// 子 丑 寅 … 亥 (ideographZodiac).
    EarthlyBranch,
    /// ㈠ ㈡ … ㈩ (ideographEnclosedCircle).
    IdeographEnclosedCircle,
    /// The marker is a symbol, not a number.
    Bullet,
    /// Nothing is shown.
    None,
}

impl NumFmt {
    /// Word's `w:numFmt/@w:val`.
    pub fn from_word(v: &str) -> NumFmt {
        match v {
            "decimal" | "ordinal" | "cardinalText" | "ordinalText" | "decimalHalfWidth" => {
                NumFmt::Decimal
            }
            "decimalZero" => NumFmt::DecimalZero,
            "decimalFullWidth" | "decimalFullWidth2" => NumFmt::DecimalFullWidth,
            "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => {
                NumFmt::DecimalEnclosedCircle
            }
            "decimalEnclosedParen" => NumFmt::DecimalEnclosedParen,
            "decimalEnclosedFullstop" => NumFmt::DecimalEnclosedFullstop,
            "upperRoman" => NumFmt::UpperRoman,
            "lowerRoman" => NumFmt::LowerRoman,
            "upperLetter" => NumFmt::UpperLetter,
            "lowerLetter" => NumFmt::LowerLetter,
            "chineseCounting"
            | "chineseCountingThousand"
            | "japaneseCounting"
            | "taiwaneseCounting"
            | "taiwaneseCountingThousand"
            | "koreanCounting" => NumFmt::ChineseCounting,
            "chineseLegalSimplified" | "ideographLegalTraditional" | "japaneseLegal" => {
                NumFmt::ChineseLegal
            }
            "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => {
                NumFmt::IdeographDigital
            }
            "ideographTraditional" => NumFmt::HeavenlyStem,
            "ideographZodiac" | "ideographZodiacTraditional" => NumFmt::EarthlyBranch,
            "ideographEnclosedCircle" => NumFmt::IdeographEnclosedCircle,
            "bullet" => NumFmt::Bullet,
            "none" => NumFmt::None,
            _ => NumFmt::Decimal,
        }
    }

    /// The number format of an `nfc` code ([MS-DOC] LVLF.nfc, Word 2003 XML's `w:nfc`; the
    /// order of OOXML's ST_NumberFormat).
    pub fn from_nfc(code: u8) -> NumFmt {
        const NAMES: [&str; 48] = [
            "decimal",
            "upperRoman",
            "lowerRoman",
            "upperLetter",
            "lowerLetter",
            "ordinal",
            "cardinalText",
            "ordinalText",
            "hex",
            "chicago",
            "ideographDigital",
            "japaneseCounting",
            "aiueo",
            "iroha",
            "decimalFullWidth",
            "decimalHalfWidth",
            "japaneseLegal",
            "japaneseDigitalTenThousand",
            "decimalEnclosedCircle",
            "decimalFullWidth2",
            "aiueoFullWidth",
            "irohaFullWidth",
            "decimalZero",
            "bullet",
            "ganada",
            "chosung",
            "decimalEnclosedFullstop",
            "decimalEnclosedParen",
            "decimalEnclosedCircleChinese",
            "ideographEnclosedCircle",
            "ideographTraditional",
            "ideographZodiac",
            "ideographZodiacTraditional",
            "taiwaneseCounting",
            "ideographLegalTraditional",
            "taiwaneseCountingThousand",
            "taiwaneseDigital",
            "chineseCounting",
            "chineseLegalSimplified",
            "chineseCountingThousand",
            "koreanDigital",
            "koreanCounting",
            "koreanLegal",
            "koreanDigital2",
            "vietnameseCounting",
            "russianLower",
            "russianUpper",
            "none",
        ];
        match code {
            0xFF => NumFmt::None,
            c => NAMES
                .get(c as usize)
                .map_or(NumFmt::Decimal, |n| NumFmt::from_word(n)),
        }
    }

    /// HTML's `<ol type>` or CSS `list-style-type`; None for unknown values.
    pub fn from_html(v: &str) -> Option<NumFmt> {
        Some(match v {
            "1" | "decimal" => NumFmt::Decimal,
            "decimal-leading-zero" => NumFmt::DecimalZero,
            "a" | "lower-alpha" | "lower-latin" => NumFmt::LowerLetter,
            "A" | "upper-alpha" | "upper-latin" => NumFmt::UpperLetter,
            "i" | "lower-roman" => NumFmt::LowerRoman,
            "I" | "upper-roman" => NumFmt::UpperRoman,
            "cjk-ideographic"
            | "simp-chinese-informal"
            | "trad-chinese-informal"
            | "japanese-informal" => NumFmt::ChineseCounting,
            "simp-chinese-formal" | "trad-chinese-formal" | "japanese-formal" => {
                NumFmt::ChineseLegal
            }
            "cjk-decimal" => NumFmt::IdeographDigital,
            "cjk-heavenly-stem" => NumFmt::HeavenlyStem,
            "cjk-earthly-branch" => NumFmt::EarthlyBranch,
            "disc" | "circle" | "square" | "disclosure-open" | "disclosure-closed" => {
                NumFmt::Bullet
            }
            "none" => NumFmt::None,
            _ => return None,
        })
    }

    /// True for the CJK formats, whose list markers end in "、" rather than ".".
    pub fn is_cjk(self) -> bool {
        matches!(
            self,
            NumFmt::ChineseCounting
                | NumFmt::ChineseLegal
                | NumFmt::IdeographDigital
                | NumFmt::HeavenlyStem
                | NumFmt::EarthlyBranch
        )
    }
}

const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const LEGAL: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// `n` written in `fmt`. Formats that cannot show a number (circled numbers past 20, zero in
/// counting systems) fall back to decimal, as Word does.
pub fn format(n: u32, fmt: NumFmt) -> String {
    match fmt {
        NumFmt::Decimal => n.to_string(),
        NumFmt::DecimalZero if n < 10 => format!("0{n}"),
        NumFmt::DecimalZero => n.to_string(),
        NumFmt::DecimalFullWidth => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c))
            .collect(),
        NumFmt::DecimalEnclosedCircle => enclosed(n, 0x2460, 20),
        NumFmt::DecimalEnclosedParen => enclosed(n, 0x2474, 20),
        NumFmt::DecimalEnclosedFullstop => enclosed(n, 0x2488, 20),
        NumFmt::IdeographEnclosedCircle => enclosed(n, 0x3220, 10),
        NumFmt::UpperRoman => roman(n),
        NumFmt::LowerRoman => roman(n).to_ascii_lowercase(),
        NumFmt::UpperLetter => letters(n, b'A'),
        NumFmt::LowerLetter => letters(n, b'a'),
        NumFmt::ChineseCounting => counting(n, &DIGITS, ['十', '百', '千']),
        NumFmt::ChineseLegal => counting(n, &LEGAL, ['拾', '佰', '仟']),
        NumFmt::IdeographDigital => n
            .to_string()
            .bytes()
            .map(|d| DIGITS[(d - b'0') as usize])
            .collect(),
        NumFmt::HeavenlyStem => cycle(n, "甲乙丙丁戊己庚辛壬癸"),
        NumFmt::EarthlyBranch => cycle(n, "子丑寅卯辰巳午未申酉戌亥"),
        NumFmt::Bullet | NumFmt::None => String::new(),
    }
}

fn enclosed(n: u32, first: u32, count: u32) -> String {
    if (1..=count).contains(&n) {
        char::from_u32(first + n - 1).map_or_else(|| n.to_string(), String::from)
    } else {
        n.to_string()
    }
}

fn roman(mut n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// Word's letters: A … Z, then AA, BB … (the letter repeated).
fn letters(n: u32, base: u8) -> String {
    if n == 0 {
        return n.to_string();
    }
    let letter = (base + ((n - 1) % 26) as u8) as char;
    let times = ((n - 1) / 26 + 1).min(50) as usize;
    std::iter::repeat_n(letter, times).collect()
}

fn cycle(n: u32, chars: &str) -> String {
    let chars: Vec<char> = chars.chars().collect();
    if n == 0 {
        return n.to_string();
    }
    chars[((n - 1) as usize) % chars.len()].to_string()
}

/// Chinese counting numerals for 1..=9999: 十一, 二十, 一百零一, 一千零一十 (list counters never
/// go further; larger numbers are written in digits).
fn counting(n: u32, digits: &[char; 10], units: [char; 3]) -> String {
    if n == 0 || n >= 10_000 {
        return n.to_string();
    }
    let ds = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let unit = [Some(units[2]), Some(units[1]), Some(units[0]), None];
    let mut s = String::new();
    let (mut started, mut zero) = (false, false);
    for (i, &d) in ds.iter().enumerate() {
        if d == 0 {
            zero = started;
            continue;
        }
        if zero {
            s.push('零');
            zero = false;
        }
        // 十一 rather than 一十一 when the number starts with the tens.
        if !(i == 2 && d == 1 && !started) {
            s.push(digits[d as usize]);
        }
        if let Some(u) = unit[i] {
            s.push(u);
        }
        started = true;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counting() {
        let f = |n| format(n, NumFmt::ChineseCounting);
        let got: Vec<String> = [
            1, 2, 9, 10, 11, 19, 20, 21, 99, 100, 101, 110, 111, 1000, 1010, 10_000,
        ]
        .into_iter()
        .map(f)
        .collect();
        assert_eq!(
            got,
            [
                "一",
                "二",
                "九",
                "十",
                "十一",
                "十九",
                "二十",
                "二十一",
                "九十九",
                "一百",
                "一百零一",
                "一百一十",
                "一百一十一",
                "一千",
                "一千零一十",
                "10000"
            ]
        );
        assert_eq!(format(0, NumFmt::ChineseCounting), "0");
        assert_eq!(format(3, NumFmt::ChineseLegal), "叁");
        assert_eq!(format(10, NumFmt::ChineseLegal), "拾");
        assert_eq!(format(105, NumFmt::IdeographDigital), "一〇五");
    }

    #[test]
    fn other_formats() {
        assert_eq!(format(4, NumFmt::UpperRoman), "IV");
        assert_eq!(format(14, NumFmt::LowerRoman), "xiv");
        assert_eq!(format(28, NumFmt::UpperLetter), "BB");
        assert_eq!(format(3, NumFmt::LowerLetter), "c");
        assert_eq!(format(3, NumFmt::HeavenlyStem), "丙");
        assert_eq!(format(12, NumFmt::EarthlyBranch), "亥");
        assert_eq!(format(2, NumFmt::DecimalEnclosedCircle), "②");
        assert_eq!(format(21, NumFmt::DecimalEnclosedCircle), "21");
        assert_eq!(format(1, NumFmt::IdeographEnclosedCircle), "㈠");
        assert_eq!(format(7, NumFmt::DecimalZero), "07");
        assert_eq!(format(12, NumFmt::DecimalFullWidth), "１２");
        assert_eq!(format(5, NumFmt::Bullet), "");
        assert_eq!(
            NumFmt::from_word("chineseCountingThousand"),
            NumFmt::ChineseCounting
        );
        assert_eq!(
            NumFmt::from_html("cjk-ideographic"),
            Some(NumFmt::ChineseCounting)
        );
        assert_eq!(NumFmt::from_html("x"), None);
    }
}
