//! Front matter: the title, the agency and its kind, the report year, the statistical period and a
//! publication date.

use super::model::{AgencyKind, Date, Loc, Period};
use super::prose::Prose;
use crate::normalize as nb;
use crate::normalize::fold;
use crate::source::Line;

/// Text of a line without whitespace, folded to half-width.
pub fn compact(s: &str) -> String {
    fold(s).chars().filter(|c| !c.is_whitespace()).collect()
}

/// The title: the short lines at the top that end in the line naming the 年度报告 (a title is
/// often broken over two or three lines: agency, then year and 年度报告). Website chrome copied
/// with the report (navigation, breadcrumbs, publication details) is never part of it.
pub fn find_title(front: &[Line]) -> Option<(String, Loc)> {
    // A line naming the 年度报告 wins, even below a page's chrome ("政府工作报告" in a
    // navigation bar names another report); else the first line naming any 报告.
    // A title broken inside its words ("…工作年" / "度报告") names it only when joined; a line
    // quoting the format's name (《…年度报告格式》) is a sentence, not a title.
    let names_report = |block: &str| {
        let last = block.rsplit('\n').next().unwrap_or(block);
        let joined = block.replace('\n', "");
        !last.contains(['《', '〈']) && (nb::has(&joined, "年度报告") || nb::has(&joined, "年报"))
    };
    title_ending_in(front, 40, names_report).or_else(|| {
        title_ending_in(front, 12, |t| {
            nb::has(t.rsplit('\n').next().unwrap_or(t), "报告")
        })
    })
}

/// The short lines (at most three) ending in the first line where `is_title` accepts them
/// (given joined by `\n`, the last line last), among the first `limit` lines that are not chrome.
fn title_ending_in(
    front: &[Line],
    limit: usize,
    is_title: impl Fn(&str) -> bool,
) -> Option<(String, Loc)> {
    let mut block: Vec<(String, &Line)> = Vec::new();
    let mut seen = 0;
    for line in front {
        let text = compact(&line.joined());
        let text = text.trim_start_matches('#').to_owned();
        if is_chrome(&line.joined()) {
            block.clear();
            continue;
        }
        seen += 1;
        if seen > limit {
            break;
        }
        let short = text.chars().count() <= 45 && !text.contains(['，', '。', ',']);
        if !short || text == "正文" {
            block.clear();
            continue;
        }
        block.push((text, line));
        let from = block.len().saturating_sub(3);
        let lines: Vec<&str> = block[from..].iter().map(|(t, _)| t.as_str()).collect();
        if is_title(&lines.join("\n")) {
            let title: String = block[from..].iter().map(|(t, _)| t.as_str()).collect();
            let first = block[from].1;
            return Some((
                title,
                Loc {
                    line: first.number,
                    column: first.cells[0].column,
                },
            ));
        }
    }
    None
}

/// Words of a government site's navigation, as a whole line or as one of a line's words.
const NAV_WORDS: &[&str] = &[
    "首页",
    "网站首页",
    "新闻中心",
    "新闻动态",
    "政府信息公开",
    "政务公开",
    "信息公开",
    "互动交流",
    "政民互动",
    "办事服务",
    "政务服务",
    "公众参与",
    "专题专栏",
    "机构概况",
    "法定主动公开内容",
    "政府信息公开年报",
    "信息公开年报",
];

/// Labels of a page's publication details ("发布时间：…", "来源：…", "当前位置：…").
const DETAIL_LABELS: &[&str] = &[
    "发布时间",
    "发布日期",
    "来源",
    "信息来源",
    "文章来源",
    "字号",
    "当前位置",
    "您当前的位置",
    "您的位置",
    "你的位置",
    "索引号",
    "发布机构",
    "发文机关",
    "浏览次数",
    "点击数",
    "阅读次数",
    "访问量",
    "作者",
    "文号",
    "主题分类",
    "成文日期",
];

/// A line of website chrome copied with a report from a government page: navigation
/// ("首页 走进… 新闻中心 政府信息公开"), breadcrumbs ("首页 > 政府信息公开 > 年报"), publication
/// details ("发布时间：…　来源：…", "字号：【大 中 小】", "打印本页"). Never a title or an agency.
pub fn is_chrome(line: &str) -> bool {
    // A menu printed to PDF or copied as text keeps its bullets: "• 首页".
    let line = line.trim_start_matches(['•', '·', '●', '○', '▪', '■', '□', '◦', '-', '*', ' ']);
    let t = compact(line);
    if t.is_empty() || t.chars().count() > 80 {
        return false;
    }
    if ["打印本页", "关闭窗口", "【大中小】", "[大中小]", "分享到"]
        .iter()
        .any(|w| nb::has(&t, w))
    {
        return true;
    }
    if DETAIL_LABELS
        .iter()
        .any(|l| t.strip_prefix(l).is_some_and(|r| r.starts_with(':')))
    {
        return true;
    }
    if NAV_WORDS.contains(&t.as_str()) || t.starts_with("走进") && t.chars().count() <= 8 {
        return true;
    }
    // Breadcrumbs: places joined by arrows, starting at the home page.
    let arrows = ['>', '»', '›', '→', '＞', '〉'];
    if t.contains(arrows) && NAV_WORDS.iter().any(|w| nb::has(&t, w)) {
        return true;
    }
    // A navigation bar: several short words, at least two of them navigation words.
    let words: Vec<&str> = line.split_whitespace().collect();
    words.len() >= 3
        && words.iter().all(|w| w.chars().count() <= 8)
        && words
            .iter()
            .filter(|w| NAV_WORDS.contains(&compact(w).as_str()) || w.starts_with("走进"))
            .count()
            >= 2
}

/// How a report names itself: "现将本单位2023年度政府信息公开工作情况报告如下", "本报告…2023年度…":
/// the year before 报告 in a sentence of the introduction that speaks of the report.
pub fn year_from_self_reference(prose: &Prose) -> Option<(i32, Loc)> {
    prose.sentences().find_map(|(at, sentence)| {
        if !(nb::has(sentence, "现将")
            || nb::has(sentence, "本报告")
            || nb::has(sentence, "年度报告"))
        {
            return None;
        }
        let (y, start, end) = find_year(sentence)?;
        let rest = &sentence[end..];
        let near = rest
            .char_indices()
            .nth(24)
            .map_or(rest, |(i, _)| &rest[..i]);
        nb::has(near, "报告").then(|| (y, prose.loc_at(at + start)))
    })
}

/// A table caption that states the year ("表三：2024年度收到和处理政府信息公开申请情况").
pub fn year_from_caption(lines: &[Line]) -> Option<(i32, Loc)> {
    lines.iter().find_map(|line| {
        let cell = line.cells.first().filter(|_| line.cells.len() == 1)?;
        let t = compact(&cell.text);
        if t.chars().count() > 50 || !(t.starts_with('表') || t.starts_with("附表")) {
            return None;
        }
        let (y, _, _) = find_year(&t)?;
        Some((
            y,
            Loc {
                line: cell.line,
                column: cell.column,
            },
        ))
    })
}

/// The agency named by the body when there is no title: the organ that signs the report, or the
/// subject of a sentence opening with the year ("2024年，某某县市场监督管理局认真贯彻…"). A
/// pronoun ("我局", "本单位") is not a name: then there is none.
pub fn agency_from_body(signature: &[String], openings: &[&str]) -> Option<String> {
    // The signature lists the organ's names top down; the last one above the date is the report's.
    if let Some(name) = signature.iter().find(|n| is_agency_name(n)) {
        return Some(name.clone());
    }
    openings.iter().find_map(|line| {
        let t = compact(line);
        let (_, 0, end) = find_year(&t)? else {
            return None;
        };
        let rest = t[end..].strip_prefix([',', '，'])?;
        // The subject ends where its verb begins.
        const VERBS: [&str; 16] = [
            "认真",
            "坚持",
            "深入",
            "全面",
            "紧紧",
            "围绕",
            "按照",
            "根据",
            "持续",
            "进一步",
            "严格",
            "积极",
            "切实",
            "不断",
            "扎实",
            "始终",
        ];
        let stop = VERBS.iter().filter_map(|v| nb::find(rest, v)).min()?;
        let name = &rest[..stop];
        is_agency_name(name).then(|| name.to_owned())
    })
}

/// A proper name of an organ: ends like one, at least four characters, no pronoun, no sentence.
fn is_agency_name(name: &str) -> bool {
    let n = name.chars().count();
    (4..=30).contains(&n)
        && !name.starts_with(['我', '本', '该', '全', '各'])
        && !name.contains(['，', '。', ',', ';', ':', '、'])
        && SIGNATURE_ENDINGS.iter().any(|e| name.ends_with(e))
}

/// "2024年", "2024年度" in a compact string: (year, byte start, byte end).
pub fn find_year(s: &str) -> Option<(i32, usize, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && s[i + 4..].starts_with('年')
        {
            let y: i32 = s[i..i + 4].parse().ok()?;
            if (1990..=2100).contains(&y) {
                let mut end = i + 4 + '年'.len_utf8();
                if s[end..].starts_with('度') {
                    end += '度'.len_utf8();
                }
                return Some((y, i, end));
            }
        }
        i += 1;
    }
    None
}

/// The agency named in a compact title: before the year, or between the year and 政府信息公开.
pub fn agency_from_title(title: &str) -> Option<String> {
    let (_, start, end) = find_year(title)?;
    let before = title[..start].trim_matches(['#', '《', '》', ' ']);
    let name = if !before.is_empty() {
        before.to_owned()
    } else {
        let after = &title[end..];
        let stop = ["政府信息公开", "政务公开", "信息公开", "年度报告"]
            .iter()
            .filter_map(|w| nb::find(after, w))
            .min()?;
        after[..stop].to_owned()
    };
    let name = name
        .trim_start_matches("关于")
        .trim_end_matches(['(', ')', '（', '）'])
        .to_owned();
    (!name.is_empty()).then_some(name)
}

/// Classifies an agency by its name (format.md §1 and §2).
pub fn agency_kind(name: &str) -> AgencyKind {
    const PLACES: [char; 10] = ['省', '市', '县', '区', '旗', '州', '盟', '镇', '乡', '村'];
    let n = name.trim();
    if let Some(pos) = n.find("人民政府") {
        let place = &n[..pos];
        let office = nb::has(&n[pos..], "办公厅") || nb::has(&n[pos..], "办公室");
        let level = place_level(place);
        return match (office, level) {
            (true, AgencyKind::RegulationMakingGovernment) => AgencyKind::GeneralOffice(true),
            (true, _) => AgencyKind::GeneralOffice(false),
            (false, k) => k,
        };
    }
    if n.ends_with("街道办事处") || n.ends_with("街道") {
        return AgencyKind::StreetOffice;
    }
    let level = place_level(n);
    if level != AgencyKind::Unknown && n.ends_with(PLACES) {
        return level;
    }
    if n.contains(PLACES) {
        return AgencyKind::LocalDepartment;
    }
    if n.ends_with(['部', '局', '署', '委', '会', '行', '院'])
        || n.starts_with("国家")
        || n.starts_with("国务院")
    {
        return AgencyKind::StateCouncilDepartment;
    }
    AgencyKind::Unknown
}

/// The kind of government of a place name ("中宁县恩和镇", "淮安市", "洪泽区").
fn place_level(place: &str) -> AgencyKind {
    let p = place.trim();
    if p.ends_with('镇') || p.ends_with('乡') {
        AgencyKind::Township
    } else if p.ends_with('县') || p.ends_with('区') || p.ends_with('旗') {
        AgencyKind::CountyGovernment
    } else if p.ends_with('省')
        || p.ends_with('市')
        || p.ends_with('州')
        || p.ends_with('盟')
        || p.ends_with("自治区")
    {
        AgencyKind::RegulationMakingGovernment
    } else {
        AgencyKind::Unknown
    }
}

/// "2024年1月1日" at the start of `s` (compact): (date, bytes consumed).
fn date_at(s: &str) -> Option<(Date, usize)> {
    let (y, rest) = digits(s, 4)?;
    let rest_s = &s[rest..];
    let rest2 = rest_s.strip_prefix('年')?;
    let (m, d, used) = month_day(rest2)?;
    Some((
        Date {
            year: y as i32,
            month: m,
            day: d,
        },
        rest + '年'.len_utf8() + used,
    ))
}

/// "12月31日": (month, day, bytes consumed).
fn month_day(s: &str) -> Option<(u32, u32, usize)> {
    let (m, a) = digits(s, 2)?;
    let r = s[a..].strip_prefix('月')?;
    let (d, b) = digits(r, 2)?;
    let r2 = r[b..]
        .strip_prefix('日')
        .or_else(|| r[b..].strip_prefix('号'))?;
    let used = s.len() - r2.len();
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((m, d, used))
}

/// Up to `max` leading ASCII digits (at least one): (value, bytes).
fn digits(s: &str, max: usize) -> Option<(u32, usize)> {
    let n = s.bytes().take(max).take_while(u8::is_ascii_digit).count();
    if n == 0 || s.as_bytes().get(n).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Some((s[..n].parse().ok()?, n))
}

/// The statistical period: a date range, preferably near 统计; the end's year may be omitted.
pub fn find_period(prose: &Prose) -> Option<Period> {
    let text = &prose.text;
    let mut fallback = None;
    let mut from = 0;
    while let Some(off) = text[from..].find(|c: char| c.is_ascii_digit()) {
        let at = from + off;
        let Some((start, used)) = date_at(&text[at..]) else {
            from = at + 1;
            continue;
        };
        from = at + used;
        let rest = text[at + used..].trim_start_matches('起');
        let Some(after) = ["至", "到", "-", "—", "~"]
            .iter()
            .find_map(|s| rest.strip_prefix(s))
        else {
            continue;
        };
        let end = date_at(after).map(|(d, _)| d).or_else(|| {
            month_day(after).map(|(m, d, _)| Date {
                year: start.year,
                month: m,
                day: d,
            })
        });
        let Some(end) = end else { continue };
        let ctx_start = text[..at]
            .char_indices()
            .rev()
            .nth(20)
            .map_or(0, |(i, _)| i);
        let ctx = &text[ctx_start..at];
        let period = Period {
            start,
            end,
            loc: prose.loc_at(at),
        };
        if nb::has(ctx, "统计") || nb::has(ctx, "期限") || nb::has(ctx, "周期") {
            return Some(period);
        }
        fallback.get_or_insert(period);
    }
    fallback
}

/// A line that is only a date ("2026年1月23日", "（2025年1月20日）"): the signature date.
pub fn find_publication(lines: &[Line]) -> Option<(Date, Loc)> {
    lines.iter().rev().find_map(|line| {
        if line.cells.len() != 1 || line.cells[0].text.len() > 60 {
            return None;
        }
        let raw = &line.cells[0].text;
        if !(nb::has(raw, "年") && nb::has(raw, "日")) {
            return None;
        }
        let t = compact(raw);
        let t = t.trim_matches(['(', ')', '（', '）']);
        let (d, used) = date_at(t)?;
        (used == t.len()).then_some((
            d,
            Loc {
                line: line.number,
                column: line.cells[0].column,
            },
        ))
    })
}

/// Indices (into `lines`) of the signature block at the end: the publication date line found by
/// [`find_publication`] and the agency name just above it. They are not part of part 六's text:
/// "无。" followed by a signature is still an empty part.
pub fn signature_lines(lines: &[Line], published: Option<(Date, Loc)>) -> Vec<usize> {
    let Some((_, loc)) = published else {
        return Vec::new();
    };
    let Some(date) = lines.iter().rposition(|l| l.number == loc.line) else {
        return Vec::new();
    };
    // A signature closes the document: at most one line (e.g. a note) may follow the date.
    if date + 2 < lines.len() {
        return Vec::new();
    }
    let mut out = vec![date];
    // Up to two lines of organ names ("青溪县人民政府办公室", "青溪县人民政府") above the date.
    for i in (date.saturating_sub(2)..date).rev() {
        let l = &lines[i];
        let t = if l.cells.len() == 1 {
            compact(&l.cells[0].text)
        } else {
            break;
        };
        let organ = t.chars().count() <= 30
            && !t.contains(['，', '。', ',', ';', '；', ':', '：'])
            && SIGNATURE_ENDINGS.iter().any(|e| t.ends_with(e));
        if !organ {
            break;
        }
        out.push(i);
    }
    out
}

/// How the name of a signing organ ends.
const SIGNATURE_ENDINGS: &[&str] = &[
    "政府",
    "办公室",
    "办公厅",
    "办事处",
    "委员会",
    "局",
    "委",
    "厅",
    "中心",
    "院",
    "会",
    "处",
    "所",
    "部",
    "署",
    "镇",
    "乡",
    "街道",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_names() {
        assert_eq!(
            agency_from_title("中宁县恩和镇2024年政府信息公开工作年度报告").as_deref(),
            Some("中宁县恩和镇")
        );
        assert_eq!(
            agency_from_title("2025年上海市人民政府办公厅政府信息公开工作年度报告").as_deref(),
            Some("上海市人民政府办公厅")
        );
        assert_eq!(
            agency_from_title("2024年上海市科委政府信息公开工作年度报告").as_deref(),
            Some("上海市科委")
        );
    }

    #[test]
    fn the_title_names_the_annual_report_below_a_printed_menu() {
        // A page printed to PDF: its menu (bullets kept, one menu naming 政府工作报告) above
        // the report's title.
        let text = "• 首页\n• 互动交流\n政府信息公开 领导之窗 要闻 政府工作报告 公示公告\n\
                    专题专栏\n• 首页\n平潭综合实验区2022年度政府信息公开工作年度报告\n\
                    来源：平潭县人民政府\n";
        let doc = crate::source::text::read(text);
        let (title, loc) = find_title(&doc.lines).unwrap();
        assert_eq!(title, "平潭综合实验区2022年度政府信息公开工作年度报告");
        assert_eq!(loc.line, 6);
    }

    #[test]
    fn website_chrome_is_not_the_report() {
        for chrome in [
            "首页 走进某某 新闻中心 政府信息公开 互动交流",
            "当前位置：首页 > 政府信息公开 > 政府信息公开年报",
            "您当前的位置：首页»信息公开",
            "发布时间：2025-01-20 10:30　来源：某某县市场监督管理局",
            "字号：【大 中 小】 打印本页 关闭窗口",
            "【大 中 小】",
            "政府信息公开",
            "首页",
            "• 互动交流",
        ] {
            assert!(is_chrome(chrome), "{chrome}");
        }
        for text in [
            "某某县市场监督管理局2024年政府信息公开工作年度报告",
            "政府信息公开工作年度报告",
            "一、总体情况",
            "（一）主动公开",
            "2024 年，某某县市场监督管理局认真贯彻《条例》。",
            "来源于群众的申请共 3 件",
        ] {
            assert!(!is_chrome(text), "{text}");
        }
    }

    #[test]
    fn agency_from_the_body_only_when_named() {
        let open = ["2024年，某某县市场监督管理局认真贯彻《条例》。"];
        assert_eq!(
            agency_from_body(&[], &open).as_deref(),
            Some("某某县市场监督管理局")
        );
        assert_eq!(
            agency_from_body(&[], &["2024年，我局认真贯彻《条例》。"]),
            None
        );
        assert_eq!(agency_from_body(&[], &["2024年，本单位严格落实。"]), None);
        assert_eq!(
            agency_from_body(&["青溪县人民政府".into()], &[]).as_deref(),
            Some("青溪县人民政府")
        );
    }

    #[test]
    fn agency_kinds() {
        assert_eq!(agency_kind("中宁县恩和镇"), AgencyKind::Township);
        assert_eq!(
            agency_kind("淮安市人民政府"),
            AgencyKind::RegulationMakingGovernment
        );
        assert_eq!(agency_kind("洪泽区人民政府"), AgencyKind::CountyGovernment);
        assert_eq!(
            agency_kind("上海市人民政府办公厅"),
            AgencyKind::GeneralOffice(true)
        );
        assert_eq!(agency_kind("上海市科委"), AgencyKind::LocalDepartment);
        assert_eq!(agency_kind("教育部"), AgencyKind::StateCouncilDepartment);
        assert_eq!(agency_kind("某某街道办事处"), AgencyKind::StreetOffice);
    }

    #[test]
    fn signature_block() {
        let doc = crate::source::text::read(
            "六、其他需要报告的事项\n无。\n\n青溪县人民政府\n2025年3月20日\n",
        );
        let published = find_publication(&doc.lines);
        assert_eq!(signature_lines(&doc.lines, published), [3, 2]);
        // A sentence above the date is text, not a signature.
        let doc = crate::source::text::read(
            "六、其他需要报告的事项\n本机关未收取信息处理费。\n2025年3月20日\n",
        );
        let published = find_publication(&doc.lines);
        assert_eq!(signature_lines(&doc.lines, published), [2]);
    }

    #[test]
    fn dates() {
        assert_eq!(
            date_at("2024年1月1日至").map(|(d, _)| d),
            Some(Date {
                year: 2024,
                month: 1,
                day: 1
            })
        );
        assert_eq!(month_day("12月31日止"), Some((12, 31, "12月31日".len())));
        assert_eq!(
            find_year("中宁县恩和镇2024年政府"),
            Some((2024, "中宁县恩和镇".len(), "中宁县恩和镇2024年".len()))
        );
    }
}
