//! Character folding shared by every stage: full-width to half-width, traditional to simplified
//! (for the characters that occur in the report's labels and titles), and the "key" form used to
//! compare labels regardless of spaces, brackets and punctuation variants.

/// Traditional → simplified for characters seen in report labels, titles and common prose.
/// Sorted by the traditional character (a unit test checks it) so it can be binary-searched.
static TRAD: &[(char, char)] = &[
    ('並', '并'),
    ('來', '来'),
    ('係', '系'),
    ('倉', '仓'),
    ('個', '个'),
    ('們', '们'),
    ('備', '备'),
    ('傳', '传'),
    ('價', '价'),
    ('億', '亿'),
    ('內', '内'),
    ('則', '则'),
    ('創', '创'),
    ('劃', '划'),
    ('動', '动'),
    ('務', '务'),
    ('勞', '劳'),
    ('區', '区'),
    ('協', '协'),
    ('參', '参'),
    ('吳', '吴'),
    ('員', '员'),
    ('問', '问'),
    ('單', '单'),
    ('嚴', '严'),
    ('國', '国'),
    ('圍', '围'),
    ('執', '执'),
    ('報', '报'),
    ('場', '场'),
    ('壞', '坏'),
    ('學', '学'),
    ('實', '实'),
    ('審', '审'),
    ('將', '将'),
    ('專', '专'),
    ('對', '对'),
    ('導', '导'),
    ('層', '层'),
    ('屬', '属'),
    ('師', '师'),
    ('帳', '帐'),
    ('幣', '币'),
    ('廢', '废'),
    ('廣', '广'),
    ('廳', '厅'),
    ('強', '强'),
    ('後', '后'),
    ('從', '从'),
    ('復', '复'),
    ('態', '态'),
    ('應', '应'),
    ('戰', '战'),
    ('戶', '户'),
    ('掃', '扫'),
    ('擔', '担'),
    ('據', '据'),
    ('擬', '拟'),
    ('擴', '扩'),
    ('敗', '败'),
    ('數', '数'),
    ('斷', '断'),
    ('於', '于'),
    ('時', '时'),
    ('書', '书'),
    ('會', '会'),
    ('條', '条'),
    ('業', '业'),
    ('構', '构'),
    ('標', '标'),
    ('機', '机'),
    ('檔', '档'),
    ('檢', '检'),
    ('權', '权'),
    ('歷', '历'),
    ('歸', '归'),
    ('殘', '残'),
    ('決', '决'),
    ('況', '况'),
    ('測', '测'),
    ('準', '准'),
    ('溝', '沟'),
    ('滿', '满'),
    ('濟', '济'),
    ('為', '为'),
    ('無', '无'),
    ('營', '营'),
    ('爭', '争'),
    ('獲', '获'),
    ('現', '现'),
    ('產', '产'),
    ('畫', '画'),
    ('當', '当'),
    ('療', '疗'),
    ('發', '发'),
    ('盡', '尽'),
    ('監', '监'),
    ('確', '确'),
    ('碼', '码'),
    ('禮', '礼'),
    ('稅', '税'),
    ('種', '种'),
    ('稱', '称'),
    ('積', '积'),
    ('穩', '稳'),
    ('競', '竞'),
    ('節', '节'),
    ('範', '范'),
    ('築', '筑'),
    ('簡', '简'),
    ('紀', '纪'),
    ('約', '约'),
    ('納', '纳'),
    ('紙', '纸'),
    ('級', '级'),
    ('終', '终'),
    ('組', '组'),
    ('結', '结'),
    ('統', '统'),
    ('經', '经'),
    ('綜', '综'),
    ('維', '维'),
    ('網', '网'),
    ('編', '编'),
    ('練', '练'),
    ('縣', '县'),
    ('總', '总'),
    ('績', '绩'),
    ('織', '织'),
    ('繳', '缴'),
    ('繼', '继'),
    ('續', '续'),
    ('罰', '罚'),
    ('聞', '闻'),
    ('聯', '联'),
    ('職', '职'),
    ('聽', '听'),
    ('與', '与'),
    ('舉', '举'),
    ('萬', '万'),
    ('處', '处'),
    ('號', '号'),
    ('術', '术'),
    ('衛', '卫'),
    ('補', '补'),
    ('製', '制'),
    ('複', '复'),
    ('見', '见'),
    ('規', '规'),
    ('視', '视'),
    ('覽', '览'),
    ('訂', '订'),
    ('計', '计'),
    ('訊', '讯'),
    ('記', '记'),
    ('訪', '访'),
    ('設', '设'),
    ('許', '许'),
    ('訴', '诉'),
    ('診', '诊'),
    ('評', '评'),
    ('詢', '询'),
    ('試', '试'),
    ('話', '话'),
    ('該', '该'),
    ('認', '认'),
    ('說', '说'),
    ('請', '请'),
    ('論', '论'),
    ('諮', '咨'),
    ('證', '证'),
    ('議', '议'),
    ('護', '护'),
    ('讀', '读'),
    ('變', '变'),
    ('負', '负'),
    ('財', '财'),
    ('責', '责'),
    ('費', '费'),
    ('資', '资'),
    ('質', '质'),
    ('購', '购'),
    ('車', '车'),
    ('轉', '转'),
    ('辦', '办'),
    ('農', '农'),
    ('這', '这'),
    ('進', '进'),
    ('過', '过'),
    ('達', '达'),
    ('違', '违'),
    ('選', '选'),
    ('遺', '遗'),
    ('郵', '邮'),
    ('鄉', '乡'),
    ('釋', '释'),
    ('銷', '销'),
    ('錄', '录'),
    ('錯', '错'),
    ('鎮', '镇'),
    ('鑒', '鉴'),
    ('長', '长'),
    ('門', '门'),
    ('開', '开'),
    ('間', '间'),
    ('閱', '阅'),
    ('關', '关'),
    ('陳', '陈'),
    ('陸', '陆'),
    ('陽', '阳'),
    ('際', '际'),
    ('險', '险'),
    ('隱', '隐'),
    ('電', '电'),
    ('項', '项'),
    ('預', '预'),
    ('領', '领'),
    ('題', '题'),
    ('願', '愿'),
    ('類', '类'),
    ('顧', '顾'),
    ('飛', '飞'),
    ('館', '馆'),
    ('驗', '验'),
    ('體', '体'),
    ('黨', '党'),
    ('齊', '齐'),
];

/// One bit per CJK unified ideograph (U+4E00..U+9FFF): set for the characters in [`TRAD`], so
/// that the common case, a simplified character, costs one lookup instead of a binary search.
static TRAD_BITS: [u64; 328] = {
    let mut bits = [0u64; 328];
    let mut i = 0;
    while i < TRAD.len() {
        let off = TRAD[i].0 as u32 - 0x4E00;
        bits[(off / 64) as usize] |= 1 << (off % 64);
        i += 1;
    }
    bits
};

fn trad_to_simp(c: char) -> char {
    let off = c as u32 - 0x4E00; // callers pass U+4E00..=U+9FFF only
    if TRAD_BITS[(off / 64) as usize] & (1 << (off % 64)) == 0 {
        return c;
    }
    match TRAD.binary_search_by(|(t, _)| t.cmp(&c)) {
        Ok(i) => TRAD[i].1,
        Err(_) => c,
    }
}

/// Folds one character: full-width ASCII to ASCII, ideographic and no-break spaces to a space,
/// traditional to simplified, 其它 handled at the string level.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200B}' | '\u{202F}' | '\u{FEFF}' => ' ',
        '\u{4E00}'..='\u{9FFF}' => trad_to_simp(c),
        _ => c,
    }
}

/// Full-width/traditional folding that keeps spaces and punctuation (for text shown or searched).
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// The comparison key of a label or title: folded, without any whitespace, markdown emphasis or
/// quotes, with brackets unified to ASCII and list punctuation after a digit unified to '.'.
/// `其它` becomes `其他`.
pub fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    out.extend(key_chars(s));
    out
}

/// Calls `f` with the [`key`] of `s`, made on the stack when it fits: the table reader takes the
/// key of every label cell, and allocating each cost more than comparing them.
pub fn with_key<T>(s: &str, f: impl FnOnce(&str) -> T) -> T {
    on_stack(|| key_chars(s), f)
}

/// Calls `f` with the characters `chars()` yields as a string, written into a stack buffer when
/// they fit in 96 bytes (else collected into a `String`, calling `chars` again).
pub fn on_stack<I: Iterator<Item = char>, T>(
    chars: impl Fn() -> I,
    f: impl FnOnce(&str) -> T,
) -> T {
    let mut buf = [0u8; 96];
    let mut len = 0;
    for c in chars() {
        let n = c.len_utf8();
        if len + n > buf.len() {
            return f(&chars().collect::<String>());
        }
        c.encode_utf8(&mut buf[len..]);
        len += n;
    }
    // Whole characters were written, so the bytes are UTF-8.
    f(std::str::from_utf8(&buf[..len]).unwrap_or_default())
}

fn key_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    let mut prev: char = '\0';
    s.chars().filter_map(move |c| {
        let c = fold_char(c);
        let c = match c {
            '【' | '〔' | '［' | '[' => '[',
            '】' | '〕' | '］' | ']' => ']',
            '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」' | '*' | '#' | '`' | '_' => {
                return None
            }
            c if c.is_whitespace() => return None,
            '、' | ',' | '，' | '．' | '.' if prev.is_ascii_digit() => '.',
            '（' => '(',
            '）' => ')',
            '：' => ':',
            '，' => ',',
            '；' => ';',
            '－' | '–' | '—' => '-',
            c => c,
        };
        let out = if c == '它' && prev == '其' {
            '他'
        } else {
            c
        };
        prev = c;
        Some(out)
    })
}

/// Byte offset of `needle` in `hay`. For the short keywords of the format this is cheaper than
/// `str::find`, whose Two-Way preparation costs more than the search itself (notably in wasm).
/// A match of a whole UTF-8 needle starts on a character boundary of the haystack.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    // Scan for the needle's last byte: in Chinese text the first byte of a character (0xE4..0xE9)
    // is nearly everywhere, the last one is spread over 64 values.
    let Some(&last) = n.last() else {
        return Some(0);
    };
    let mut end = n.len() - 1;
    while end < h.len() {
        end += byte_at(last, &h[end..])?;
        let start = end + 1 - n.len();
        if &h[start..=end] == n {
            return Some(start);
        }
        end += 1;
    }
    None
}

/// The first `b` in `h`: memchr, but a plain loop for the short haystacks of labels and keys,
/// where memchr's setup costs more than the scan.
fn byte_at(b: u8, h: &[u8]) -> Option<usize> {
    if h.len() >= 32 {
        return memchr::memchr(b, h);
    }
    let mut i = 0;
    while i < h.len() {
        if h[i] == b {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Byte offset of the last `needle` in `hay` (see [`find`]).
pub fn rfind(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&last) = n.last() else {
        return Some(h.len());
    };
    let mut end = h.len();
    while end >= n.len() {
        let at = memchr::memrchr(last, &h[n.len() - 1..end])? + n.len() - 1;
        let start = at + 1 - n.len();
        if &h[start..=at] == n {
            return Some(start);
        }
        end = at;
    }
    None
}

/// `hay` contains `needle` (see [`find`]). Also for one character that is not ASCII: core's
/// `str::contains(char)` searches for its UTF-8 bytes as a `&str`, which natively takes a SIMD path
/// and in WebAssembly sets up a Two-Way searcher on every call.
pub fn has(hay: &str, needle: &str) -> bool {
    find(hay, needle).is_some()
}

/// The bytes a short string holds, to rule out most of a list of words before searching for
/// them: a label is looked up against every keyword of a table's rows (a search each), and the
/// words it could hold are the few whose first and last bytes it has.
#[derive(Default)]
pub struct ByteSet([u32; 8]);

impl ByteSet {
    pub fn of(s: &str) -> ByteSet {
        let mut set = ByteSet::default();
        for &b in s.as_bytes() {
            set.0[usize::from(b >> 5)] |= 1 << (b & 31);
        }
        set
    }

    fn has_byte(&self, b: u8) -> bool {
        self.0[usize::from(b >> 5)] & (1 << (b & 31)) != 0
    }

    /// False when `word` cannot be in the string: its first or last byte is not.
    pub fn may_hold(&self, word: &str) -> bool {
        match word.as_bytes() {
            [] => true,
            [first, .., last] => self.has_byte(*first) && self.has_byte(*last),
            [only] => self.has_byte(*only),
        }
    }
}

/// `s.trim_start_matches(prefix)` for a string prefix, without core's substring searcher (its
/// Two-Way setup runs on every call, and at the module's opt-level "z" it dominates).
pub fn strip_all<'a>(mut s: &'a str, prefix: &str) -> &'a str {
    if prefix.is_empty() {
        return s;
    }
    while let Some(rest) = s.strip_prefix(prefix) {
        s = rest;
    }
    s
}

/// `s.trim()`: the same characters (Unicode White_Space) removed, looked at as bytes. In the
/// WebAssembly build (opt-level "z") `str::trim` stays a searcher that decodes every character
/// through calls; this is the engine's hot path for every cell and label.
pub fn trim(s: &str) -> &str {
    trim_end(trim_start(s))
}

/// `s.trim().is_empty()` (see [`trim`]).
pub fn is_blank(s: &str) -> bool {
    trim_start(s).is_empty()
}

/// `s.trim_start()` (see [`trim`]).
pub fn trim_start(s: &str) -> &str {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(n) = space_at_start(&b[i..]) {
        i += n;
    }
    &s[i..]
}

/// `s.trim_end()` (see [`trim`]).
pub fn trim_end(s: &str) -> &str {
    let b = s.as_bytes();
    let mut end = b.len();
    while let Some(n) = space_at_end(&b[..end]) {
        end -= n;
    }
    &s[..end]
}

/// The byte length of the whitespace character `b` starts with, if it starts with one. The
/// White_Space characters: U+0009–000D, U+0020, U+0085, U+00A0, U+1680, U+2000–200A,
/// U+2028, U+2029, U+202F, U+205F, U+3000.
fn space_at_start(b: &[u8]) -> Option<usize> {
    match *b {
        [9..=13 | b' ', ..] => Some(1),
        [0xC2, 0x85 | 0xA0, ..] => Some(2),
        [0xE1, 0x9A, 0x80, ..]
        | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
        | [0xE2, 0x81, 0x9F, ..]
        | [0xE3, 0x80, 0x80, ..] => Some(3),
        _ => None,
    }
}

/// The byte length of the whitespace character `b` ends with, if it ends with one (`b` is
/// whole characters, so a match at the end is that character).
fn space_at_end(b: &[u8]) -> Option<usize> {
    match *b {
        [.., 9..=13 | b' '] => Some(1),
        [.., 0xC2, 0x85 | 0xA0] => Some(2),
        [.., 0xE1, 0x9A, 0x80]
        | [.., 0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF]
        | [.., 0xE2, 0x81, 0x9F]
        | [.., 0xE3, 0x80, 0x80] => Some(3),
        _ => None,
    }
}

/// Parses a number written with Arabic digits (already folded) or Chinese numerals
/// (两, 十二, 一百零三, 1万). Returns None when `s` is not wholly a number.
pub fn parse_chinese_int(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    let digit = |c: char| chinese_digit(c).map(i64::from);
    let mut total: i64 = 0;
    let mut section: i64 = 0;
    let mut current: Option<i64> = None;
    for c in s.chars() {
        if let Some(d) = digit(c) {
            current = Some(d);
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => 10_000,
            _ => return None,
        };
        if unit == 10_000 {
            section += current.take().unwrap_or(0);
            total += section.max(if section == 0 { 1 } else { 0 }) * unit;
            section = 0;
        } else {
            section += current.take().unwrap_or(1) * unit;
        }
    }
    Some(total + section + current.unwrap_or(0))
}

/// 零/〇 … 九 (and 两) as a digit.
pub fn chinese_digit(c: char) -> Option<u8> {
    let d = match c {
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
    };
    Some(d)
}

/// Chinese numeral of a part number 1..=10 ("一".."十").
pub fn chinese_numeral(n: u32) -> &'static str {
    const N: [&str; 11] = [
        "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    N.get(n as usize).copied().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_what_str_trim_trims() {
        // Every White_Space character and its neighbours in UTF-8, at either end, alone and
        // repeated, around ASCII and CJK text.
        let spaces: Vec<char> = (0..=0x3001u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        assert_eq!(spaces.len(), 25);
        let near = [
            '\u{1F}', '\u{84}', '\u{A1}', '\u{1681}', '\u{200B}', '\u{202E}', '\u{2060}',
            '\u{3001}', '。', 'a', '一', '😀',
        ];
        let mut cases = vec![String::new()];
        for &c in spaces.iter().chain(&near) {
            for body in ["", "x", "总计", " 一 二 "] {
                cases.push(format!("{c}{body}"));
                cases.push(format!("{body}{c}"));
                cases.push(format!("{c}{c}{body}{c}{c}"));
            }
        }
        for c in &cases {
            assert_eq!(trim(c), c.trim(), "{c:?}");
            assert_eq!(trim_start(c), c.trim_start(), "{c:?}");
            assert_eq!(trim_end(c), c.trim_end(), "{c:?}");
            assert_eq!(is_blank(c), c.trim().is_empty(), "{c:?}");
        }
    }

    #[test]
    fn folds_width_and_traditional() {
        assert_eq!(
            fold("第二十条第(一)項 規章 萬元 ３件"),
            "第二十条第(一)项 规章 万元 3件"
        );
        assert_eq!(key(" 商业 企业 "), "商业企业");
        assert_eq!(key("（七）总计"), "(七)总计");
        assert_eq!(key("1、属于国家秘密"), "1.属于国家秘密");
        assert_eq!(key("1．属于国家秘密"), "1.属于国家秘密");
        assert_eq!(key("六、其它需要报告的事项"), "六、其他需要报告的事项");
        assert_eq!(key("**（一）主动公开**"), "(一)主动公开");
    }

    #[test]
    fn short_substring_search() {
        for (hay, needle) in [
            ("一、本年新收政府信息", "新收"),
            ("abcabc", "bc"),
            ("规章", "规章"),
            ("规", "规章"),
            ("", "a"),
            ("无行政诉讼情况", "诉讼"),
            // Longer sentences, several candidate positions.
            (
                "全年共受理政府信息公开申请3119件，答复3050件，无行政诉讼情况",
                "诉讼",
            ),
            (
                "全年共受理政府信息公开申请3119件，答复3050件，无行政诉讼情况",
                "全年",
            ),
            (
                "全年共受理政府信息公开申请3119件，答复3050件，无行政诉讼情况",
                "情况",
            ),
            (
                "全年共受理政府信息公开申请3119件，答复3050件，无行政诉讼情况",
                "复议",
            ),
            (
                "全年共受理政府信息公开申请3119件，答复3050件，无行政诉讼情况",
                "0",
            ),
            (
                "全年共受理政府信息公开申请3119件，答复3050件，无行政诉讼情况",
                "件",
            ),
        ] {
            assert_eq!(find(hay, needle), hay.find(needle), "{hay} {needle}");
            assert_eq!(rfind(hay, needle), hay.rfind(needle), "{hay} {needle}");
        }
        assert!(has("（七）总计", "总计"));
        assert!(!has("总", "总计"));
    }

    proptest::proptest! {
        /// Short and long haystacks (both sides of `byte_at`'s 32 bytes), few letters so that
        /// matches and near-matches are frequent.
        #[test]
        fn find_is_str_find(hay in "[ab计总 ]{0,60}", needle in "[ab计总]{1,4}") {
            proptest::prop_assert_eq!(find(&hay, &needle), hay.find(needle.as_str()));
            proptest::prop_assert_eq!(rfind(&hay, &needle), hay.rfind(needle.as_str()));
        }

        /// The key made on the stack is the key, on both sides of its 96 bytes (a fullwidth
        /// digit folds from three bytes to one; 其它 becomes 其他; spaces and quotes go).
        #[test]
        fn with_key_is_key(s in "[a１其它（）、 “总计1]{0,50}") {
            proptest::prop_assert_eq!(with_key(&s, str::to_owned), key(&s));
        }

        #[test]
        fn byte_set_never_rules_out_a_word_that_is_there(s in "[ab计总 ]{0,20}", w in "[ab计总]{0,4}") {
            if has(&s, &w) {
                proptest::prop_assert!(ByteSet::of(&s).may_hold(&w));
            }
        }

        #[test]
        fn strip_all_is_trim_start_matches(s in "[ab其他]{0,12}", p in "[ab其他]{0,3}") {
            proptest::prop_assert_eq!(strip_all(&s, &p), s.trim_start_matches(p.as_str()));
        }
    }

    #[test]
    fn trad_table_is_sorted() {
        assert!(TRAD.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn chinese_numbers() {
        assert_eq!(parse_chinese_int("两"), Some(2));
        assert_eq!(parse_chinese_int("十二"), Some(12));
        assert_eq!(parse_chinese_int("二十"), Some(20));
        assert_eq!(parse_chinese_int("一百零三"), Some(103));
        assert_eq!(parse_chinese_int("3119"), Some(3119));
        assert_eq!(parse_chinese_int("三万五千"), Some(35000));
        assert_eq!(parse_chinese_int("件"), None);
    }
}
