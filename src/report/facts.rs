//! Facts read from the prose (not the tables): counts the text states, claims a table can
//! contradict, years written at the start of a paragraph, citations, the introduction's list of
//! parts, and which topics the text parts cover. Recognition only; the rules judge.

use super::front::{compact, find_year};
use super::labels::{ACCOUNTABILITY, ASPECTS};
use super::model::{
    Citation, Claim, ClaimKind, CountKind, Facts, IntroParts, Loc, PartContent, Statement,
    YearMention,
};
use super::prose::Prose;
use super::words::{self, COUNT_KEYWORDS};
use crate::normalize::{self as nb, fold_char, parse_chinese_int};
use crate::source::Line;

const COUNT_UNITS: [char; 3] = ['件', '起', '宗'];

/// A number in prose: Arabic (already folded) or Chinese, followed by a count unit.
struct Number {
    value: i64,
    start: usize,
    end: usize, // after the unit
}

fn numbers(s: &str) -> Vec<Number> {
    let mut out = Vec::new();
    let is_num = |c: char| {
        c.is_ascii_digit()
            || matches!(
                c,
                ',' | '零'
                    | '〇'
                    | '一'
                    | '二'
                    | '两'
                    | '三'
                    | '四'
                    | '五'
                    | '六'
                    | '七'
                    | '八'
                    | '九'
                    | '十'
                    | '百'
                    | '千'
                    | '万'
            )
    };
    let mut chars = s.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_num(c) || c == ',' {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some((i, c)) = chars.next_if(|&(_, c)| is_num(c)) {
            end = i + c.len_utf8();
        }
        let Some((at, u)) = chars.next_if(|(_, u)| COUNT_UNITS.contains(u)) else {
            continue;
        };
        let digits = &s[start..end];
        let value = if digits.contains(',') {
            parse_chinese_int(&digits.replace(',', ""))
        } else {
            parse_chinese_int(digits)
        };
        // "一是…" or a date are not counts; a Chinese numeral must stand alone before the unit.
        if let Some(value) = value {
            out.push(Number {
                value,
                start,
                end: at + u.len_utf8(),
            });
        }
    }
    out
}

/// The start of a long quote (what messages show of it), not a copy of the whole sentence.
fn excerpt(s: &str) -> String {
    const CHARS: usize = 64;
    match s.char_indices().nth(CHARS) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

/// The count kind a number belongs to: the keyword ending nearest before it within its clause,
/// else a keyword shortly after it ("1 件涉及…的行政复议", "103 件顺延到下年度").
fn count_kind(
    sentence: &str,
    words: &Words,
    clause_start: usize,
    num: &Number,
) -> Option<CountKind> {
    let prefix = &sentence[clause_start..num.start];
    let mut best: Option<(usize, usize, CountKind)> = None; // (end, len, kind)
    for &(kw, kind) in COUNT_KEYWORDS {
        if let Some(p) = nb::rfind(prefix, kw) {
            let end = p + kw.len();
            let gap = &prefix[end..];
            if gap.chars().count() > 12 || nb::has(gap, "等") {
                continue;
            }
            if best.is_none_or(|(e, l, _)| end > e || (end == e && kw.len() > l)) {
                best = Some((end, kw.len(), kind));
            }
        }
    }
    let mut kind = best.map(|b| b.2);
    if kind.is_none() {
        // The clause after the number, up to a separator or the next number (16 characters
        // at most: not searched further).
        let suffix: String = sentence[num.end..]
            .chars()
            .take_while(|&c| {
                !(matches!(c, '，' | ',' | '、' | ';' | '；' | '。') || c.is_ascii_digit())
            })
            .take(16)
            .collect();
        kind = COUNT_KEYWORDS
            .iter()
            .filter(|(_, k)| {
                matches!(
                    k,
                    CountKind::CarriedForward | CountKind::Review | CountKind::Litigation
                )
            })
            .find(|(kw, _)| nb::has(&suffix, kw))
            .map(|(_, k)| *k);
    }
    let kind = kind?;
    let has = |w: &str| words.has(w);
    match kind {
        CountKind::Received if !nb::has(prefix, "申请") => None,
        CountKind::Concluded if !has("申请") => None,
        CountKind::Concluded if nb::has(prefix, "下一年") || nb::has(prefix, "下年") => {
            Some(CountKind::CarriedForward)
        }
        CountKind::RegulationsIssued | CountKind::NormativeIssued => {
            let issued = words::ISSUING_VERBS.iter().any(|w| has(w));
            let other = [
                "清理", "废止", "审查", "备案", "有效", "刊登", "报送", "解读",
            ]
            .iter()
            .any(|w| has(w));
            (issued && !other).then_some(kind)
        }
        CountKind::Licensing | CountKind::Punishment => {
            let gap = best.map_or(usize::MAX, |b| prefix.len() - b.0);
            (gap <= 6 && !has("复议") && !has("诉讼")).then_some(kind)
        }
        // A government's report may also count all its reviews and suits: only those about
        // disclosure are table 四's.
        CountKind::Review | CountKind::Litigation if !words.disclosure => None,
        k => Some(k),
    }
}

/// The words [`count_kind`] asks a sentence about, looked up once per sentence rather than once
/// per number in it.
struct Words {
    found: u32,
    disclosure: bool,
}

impl Words {
    const LIST: [&'static str; 18] = [
        "申请", "制发", "印发", "出台", "发布", "公开", "新增", "制定", "清理", "废止", "审查",
        "备案", "有效", "刊登", "报送", "解读", "复议", "诉讼",
    ];

    fn of(sentence: &str) -> Words {
        let mut found = 0;
        for (i, w) in Self::LIST.iter().enumerate() {
            if nb::has(sentence, w) {
                found |= 1 << i;
            }
        }
        Words {
            found,
            disclosure: about_disclosure(sentence),
        }
    }

    fn has(&self, w: &str) -> bool {
        let i = Self::LIST.iter().position(|x| *x == w);
        debug_assert!(i.is_some(), "{w} not in Words::LIST");
        i.is_some_and(|i| self.found & (1 << i) != 0)
    }
}

/// A sentence about information disclosure (not about the agency's work in general).
fn about_disclosure(sentence: &str) -> bool {
    words::DISCLOSURE_TOPICS
        .iter()
        .any(|w| nb::has(sentence, w))
}

fn statements(prose: &Prose, out: &mut Vec<Statement>) {
    for (offset, sentence) in prose.sentences() {
        if !has_count_unit(sentence) {
            continue;
        }
        let nums = numbers(sentence);
        let words = Words::of(sentence);
        let mut prev_end = 0;
        for num in &nums {
            // The clause starts after the last separator, and never before the previous number
            // (searched from there: each byte looked at once).
            let clause_start = sentence[prev_end..num.start]
                .rfind(['，', ',', '(', '（', ':', '：', ';', '；'])
                .map_or(prev_end, |i| {
                    let i = prev_end + i;
                    i + sentence[i..].chars().next().map_or(1, char::len_utf8)
                });
            prev_end = num.end;
            if let Some(kind) = count_kind(sentence, &words, clause_start, num) {
                out.push(Statement {
                    kind,
                    value: num.value,
                    quote: sentence[clause_start..num.end].to_owned(),
                    loc: prose.loc_at(offset + num.start),
                });
            }
        }
    }
}

fn claims(prose: &Prose, out: &mut Vec<Claim>) {
    for (offset, sentence) in prose.sentences() {
        // A clause holds a word only if its sentence does: the words that decide which tests can
        // succeed are looked up once per sentence.
        let legal = nb::has(sentence, "复议") || nb::has(sentence, "诉讼");
        let applied = nb::has(sentence, "申请");
        let upheld = nb::has(sentence, "维持") || nb::has(sentence, "支持");
        if !(legal || applied || upheld) {
            continue;
        }
        let received = applied && nb::has(sentence, "收到");
        let loc = prose.loc_at(offset);
        // One claim of each kind per sentence, quoted once (a sentence of a thousand clauses
        // saying the same is one claim, not a thousand copies of the sentence).
        let mut made = [false; 7];
        let mut push = |kind: ClaimKind| {
            let k = kind as usize;
            if !made[k] {
                made[k] = true;
                out.push(Claim {
                    kind,
                    quote: excerpt(sentence),
                    loc,
                })
            }
        };
        let disclosure = legal && about_disclosure(sentence);
        for clause in sentence
            .split(['，', ','])
            .take_while(|_| legal || received || upheld)
        {
            // Every claim below needs 复议, 诉讼, 申请, 维持 or 支持: one scan skips the rest.
            if !clause.contains(['复', '诉', '申', '维', '支']) {
                continue;
            }
            let has = |w: &str| nb::has(clause, w);
            let negated = |w: &str| {
                has(w)
                    && words::NEGATIONS.iter().any(|n| {
                        nb::find(clause, n).is_some_and(|p| {
                            nb::find(&clause[p..], w)
                                .is_some_and(|q| clause[p..p + q].chars().count() <= 14)
                        })
                    })
            };
            let correction = || has("纠错") || has("纠正") || has("败诉") || has("撤销");
            if legal && (has("复议") || has("诉讼")) && correction() && negates_correction(clause)
            {
                push(ClaimKind::NoCorrection);
                continue;
            }
            let review = legal && negated("行政复议") && disclosure;
            let litigation = legal && negated("行政诉讼") && disclosure;
            if review && litigation {
                push(ClaimKind::NoReviewOrLitigation);
            } else if review {
                push(ClaimKind::NoReview);
            } else if litigation {
                push(ClaimKind::NoLitigation);
            } else if received && (has("未收到") || has("没有收到")) && has("申请") {
                push(ClaimKind::NoApplications);
            }
            if upheld && words::ALL_UPHELD.iter().any(|w| has(w)) {
                push(ClaimKind::AllUpheld);
            }
        }
        if applied && !nb::has(sentence, "法定期限") && all_done(sentence) {
            push(ClaimKind::AllConcluded);
        }
    }
}

/// A negation ("未", "没有", "无") before a correction word: "未被纠错", "没有败诉". The 未 of
/// 尚未 (尚未审结, "still pending") negates nothing: "纠正1件、尚未审结1件" states a correction.
fn negates_correction(clause: &str) -> bool {
    let Some(last) = words::CORRECTIONS
        .iter()
        .filter_map(|w| nb::rfind(clause, w))
        .max()
    else {
        return false;
    };
    words::CORRECTION_NEGATIONS.iter().any(|n| {
        occurrences(&clause[..last], n).any(|p| !(*n == "未" && clause[..p].ends_with('尚')))
    })
}

/// "均已办结", "全部办结", "均已按要求办理完成": a quantifier shortly before a completion verb.
fn all_done(sentence: &str) -> bool {
    words::ALL_QUANTIFIERS.iter().any(|q| {
        occurrences(sentence, q).any(|p| {
            let rest = chars_prefix(&sentence[p + q.len()..], 10);
            words::COMPLETIONS.iter().any(|d| nb::has(rest, d))
        })
    })
}

/// "2023年，…" at the start of a line: a year where the report year is usually meant.
fn year_mentions(lines: &[&Line], out: &mut Vec<YearMention>) {
    for line in lines {
        let Some(cell) = line.cells.first() else {
            continue;
        };
        // Only a line whose first visible character is a digit can start with a year.
        let first = cell
            .text
            .chars()
            .map(fold_char)
            .find(|c| !c.is_whitespace());
        if !first.is_some_and(|c| c.is_ascii_digit()) {
            continue;
        }
        let t = compact(chars_prefix(&cell.text, 16));
        if let Some((y, 0, end)) = find_year(&t) {
            if t[end..].starts_with([',', '，']) || t[end..].starts_with("以来") {
                out.push(YearMention {
                    year: y,
                    quote: t.chars().take(40).collect(),
                    loc: Loc {
                        line: cell.line,
                        column: cell.column,
                    },
                });
            }
        }
    }
}

const OLD_FORMAT: [&str; 3] = [
    "国办公开办函〔2019〕60号",
    "国办公开办函[2019]60号",
    "国办公开办函(2019)60号",
];

fn citations(prose: &Prose, facts: &mut Facts) {
    let t = &prose.text;
    // The superseded format is cited by its year; most reports never write 2019.
    let old_format = if nb::has(t, "2019") {
        &OLD_FORMAT[..]
    } else {
        &[][..]
    };
    for &pat in old_format {
        let mut from = 0;
        while let Some(p) = nb::find(&t[from..], pat) {
            facts.old_format_citations.push(Citation {
                text: pat.to_owned(),
                loc: prose.loc_at(from + p),
            });
            from += p + pat.len();
        }
    }
    let mut from = 0;
    while let Some(p) = t[from..].find('《') {
        let start = from + p;
        // A title is short: look for its closing bracket nearby only, so that stray 《 cost little.
        let end = t[start..]
            .char_indices()
            .nth(40)
            .map_or(t.len(), |(i, _)| start + i);
        let window = &t[start..end];
        let Some(len) = window.find('》') else {
            from = start + '《'.len_utf8();
            continue;
        };
        let name = &t[start + '《'.len_utf8()..start + len];
        from = start + len;
        if name.starts_with("中华人民共和国")
            && name.ends_with("条例")
            && nb::has(name, "公开")
            && name != "中华人民共和国政府信息公开条例"
        {
            facts.misspelt_law.push(Citation {
                text: format!("《{name}》"),
                loc: prose.loc_at(start),
            });
        }
    }
}

/// "…等六部分", or "全文包括A、B…以及F" in the introduction.
fn intro_parts(prose: &Prose) -> Option<IntroParts> {
    for (offset, sentence) in prose.sentences() {
        if let Some(p) = nb::find(sentence, "部分") {
            let n = sentence[..p].chars().rev().find(|&c| c != '个');
            let count = n.and_then(|c| parse_chinese_int(&c.to_string()));
            if let Some(count) = count.filter(|c| (2..=10).contains(c)) {
                if words::PART_COUNT_INTROS
                    .iter()
                    .any(|w| nb::has(sentence, w))
                {
                    return Some(IntroParts {
                        count: count as usize,
                        quote: excerpt(sentence),
                        loc: prose.loc_at(offset),
                    });
                }
            }
        }
        for intro in words::PART_LIST_INTROS {
            if let Some(p) = nb::find(sentence, intro) {
                let list = &sentence[p + intro.len()..];
                let items = list
                    .split(['、', ',', '，'])
                    .flat_map(|s| s.split("以及"))
                    .filter(|s| nb::has(s, "情况") || nb::has(s, "事项"))
                    .count();
                if items >= 3 {
                    return Some(IntroParts {
                        count: items,
                        quote: excerpt(sentence),
                        loc: prose.loc_at(offset),
                    });
                }
            }
        }
    }
    None
}

fn content(prose: &Prose, loc: Loc) -> PartContent {
    let t = prose.text.replace('\n', "");
    PartContent {
        empty: says_nothing(&t),
        text: t,
        loc,
    }
}

/// "无", "暂无。", "本年度无其他需要报告的事项": a part that only says there is nothing.
fn says_nothing(text: &str) -> bool {
    let core = text.trim_matches(|c: char| matches!(c, '。' | '.' | ' ' | ',' | ';'));
    let short = core.chars().count() <= 24;
    let denial = [
        "无",
        "暂无",
        "没有",
        "本年度无",
        "本年无",
        "本机关无",
        "我单位无",
        "本单位无",
    ]
    .iter()
    .any(|w| core.starts_with(w));
    core.is_empty()
        || matches!(core, "无" | "暂无" | "没有")
        || (short && denial && core.contains("事项"))
}
/// Where a sentence speaks of charging for information (信息处理费, or charging in general in a
/// sentence about disclosure), not of the agency's own 行政事业性收费.
fn fee_mention(sentence: &str) -> Option<usize> {
    if !nb::has(sentence, "费") {
        return None;
    }
    if let Some(at) = nb::find(sentence, "处理费") {
        return Some(at);
    }
    let about_disclosure = nb::has(sentence, "信息公开") || nb::has(sentence, "申请");
    [
        "收取费用",
        "收取任何费用",
        "未收费",
        "不收费",
        "收费事项",
        "收费情况",
    ]
    .iter()
    .filter_map(|w| nb::find(sentence, w))
    .min()
    .filter(|_| about_disclosure && !nb::has(sentence, "事业性收费"))
}

/// '件', '起' or '宗' in `s` (E4 BB B6, E8 B5 B7, E5 AE 97): a scan for their last bytes.
fn has_count_unit(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr3_iter(0xB6, 0xB7, 0x97, b).any(|i| {
        i >= 2
            && matches!(
                (b[i - 2], b[i - 1], b[i]),
                (0xE4, 0xBB, 0xB6) | (0xE8, 0xB5, 0xB7) | (0xE5, 0xAE, 0x97)
            )
    })
}

/// Start offsets of the non-overlapping occurrences of `needle` (not empty) in `hay`.
fn occurrences<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let p = from + nb::find(hay.get(from..)?, needle)?;
        from = p + needle.len();
        Some(p)
    })
}

/// The first `n` characters of `s`.
fn chars_prefix(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// Everything the prose says. `parts[n]` holds the lines of part n's body (0 = front matter),
/// without its heading and without table lines.
pub fn read_facts(
    parts: &[Vec<&Line>; 7],
    prose: &[Prose; 7],
    heading_locs: &[Option<Loc>; 7],
) -> Facts {
    let mut facts = Facts::default();
    for (n, p) in prose.iter().enumerate() {
        statements(p, &mut facts.statements);
        claims(p, &mut facts.claims);
        citations(p, &mut facts);
        if n != 0 {
            year_mentions(&parts[n], &mut facts.year_mentions);
        }
        for (offset, sentence) in p.sentences() {
            if let Some(at) = fee_mention(sentence) {
                facts.fee_mentions.push(p.loc_at(offset + at));
            }
        }
    }
    facts.intro_parts = intro_parts(&prose[0]);
    for n in [1usize, 5, 6] {
        if let Some(loc) = heading_locs[n] {
            facts.parts[n] = Some(content(&prose[n], loc));
        }
    }
    if let Some(one) = &facts.parts[1] {
        facts.aspects_found = ASPECTS
            .iter()
            .filter(|(_, kws)| kws.iter().any(|k| nb::has(&one.text, k)))
            .map(|(name, _)| *name)
            .collect();
    }
    facts.accountability_found = ACCOUNTABILITY
        .iter()
        .filter(|(_, kws)| {
            kws.iter()
                .any(|k| prose.iter().any(|p| nb::has(&p.text, k)))
        })
        .map(|(name, _)| *name)
        .collect();
    if let Some(five) = &facts.parts[5] {
        let has = |w: &&str| nb::has(&five.text, w);
        facts.problems_found = words::PROBLEM_WORDS.iter().any(has);
        facts.improvement_found = words::IMPROVEMENT_WORDS.iter().any(has);
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Cell, LineKind};

    fn prose(text: &str) -> Prose {
        let line = Line {
            kind: LineKind::Text,
            number: 1,
            cells: vec![Cell {
                text: text.into(),
                line: 1,
                column: 1,
            }],
        };
        Prose::new(&[&line])
    }

    fn counts(text: &str) -> Vec<(CountKind, i64)> {
        let mut out = Vec::new();
        statements(&prose(text), &mut out);
        out.into_iter().map(|s| (s.kind, s.value)).collect()
    }

    #[test]
    fn counts_in_sentences() {
        assert_eq!(
            counts(
                "收到依申请公开2件，已办结，因政府信息公开申请引起行政复议1件，无行政诉讼情况。"
            ),
            [(CountKind::Received, 2), (CountKind::Review, 1)]
        );
        assert_eq!(counts("全市共受理政府信息公开申请 3119 件，答复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度答复）。"), [
            (CountKind::Received, 3119),
            (CountKind::Concluded, 3050),
            (CountKind::CarriedOver, 34),
            (CountKind::CarriedForward, 103)
        ]);
        assert_eq!(counts("所有办结的信息公开申请中同意公开答复 9 件，部分公开答复 0 件，不予公开答复 2件，转下一年度办理答复的有 1 件。"), [
            (CountKind::Granted, 9),
            (CountKind::Partial, 0),
            (CountKind::Refused, 2),
            (CountKind::CarriedForward, 1)
        ]);
        assert_eq!(counts("收到申请两件。"), [(CountKind::Received, 2)]);
        assert!(counts("全年共办理行政复议案件 12 件。").is_empty());
        assert!(counts("刊登市政府规章、市政府部门行政规范性文件等 243 件。").is_empty());
        assert!(counts("累计接听 269 件，目前已全部办结。").is_empty());
    }

    #[test]
    fn parts_that_say_nothing() {
        for t in [
            "无",
            "无。",
            "暂无",
            "本年度无其他需要报告的事项。",
            "无其他需要报告的事项",
        ] {
            assert!(says_nothing(t), "{t}");
        }
        assert!(!says_nothing("本年度未收取信息处理费。"));
        assert!(!says_nothing(
            "无其他需要报告的事项。本年度未收取信息处理费，也未发出收费通知。"
        ));
    }

    #[test]
    fn claims_in_sentences() {
        let kinds = |t: &str| {
            let mut out = Vec::new();
            claims(&prose(t), &mut out);
            out.into_iter().map(|c| c.kind).collect::<Vec<_>>()
        };
        assert_eq!(
            kinds("因政府信息公开申请引起行政复议1件，无行政诉讼情况。"),
            [ClaimKind::NoLitigation]
        );
        // Reviews and suits of the agency's work in general are not table 四's.
        assert!(kinds("全年办理行政复议案件12件，无行政诉讼。").is_empty());
        assert_eq!(
            kinds("全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。"),
            [ClaimKind::NoCorrection]
        );
        // 尚未审结 is not a negation: this sentence reports a correction, it does not deny one.
        assert!(kinds(
            "全年因政府信息公开工作被申请行政复议4件，其中维持2件、纠正1件、尚未审结1件；被提起行政诉讼3件。"
        )
        .is_empty());
        assert_eq!(
            kinds("行政复议案件没有被纠错的情况。"),
            [ClaimKind::NoCorrection]
        );
        assert_eq!(
            kinds("所有申请均已按要求办理完成。"),
            [ClaimKind::AllConcluded]
        );
        assert_eq!(
            kinds("本年度未收到政府信息公开申请。"),
            [ClaimKind::NoApplications]
        );
        assert!(kinds("受理申请 17 件，均已在法定期限内予以答复。").is_empty());
    }
}
