//! PDF reader: the text layer and its tables, as the same [`Document`] the other readers make.
//!
//! `file` finds objects (xref tables and streams, object streams, updates, rebuilt tables),
//! `filter` decodes streams, `crypt` opens files with an owner password only, `font` maps codes
//! to Unicode, `content` runs content streams into glyphs and rules, `layout` turns a page into
//! lines and tables; here pages are put in order, running heads and page numbers dropped, tables
//! continued on the next page joined, and the result laid out as [`Block`]s.

mod content;
mod crypt;
mod file;
mod filter;
mod font;
mod layout;
mod object;
mod sha;
mod truetype;

#[cfg(test)]
mod tests;

use super::blocks::{self, Block};
use super::{Document, InputFormat, ReadError};
use file::{File, OpenError};
use layout::Item;
use object::{Dict, Obj};

/// More pages than any annual report has: a file with more is not read.
pub const MAX_PAGES: usize = 3000;

pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    let file = File::open(bytes).map_err(|e| match e {
        OpenError::Damaged => ReadError::Unsupported(
            "PDF 文件已损坏，找不到文档结构；请用 PDF 阅读器另存后重试，或提供 Word（.docx）版本"
                .into(),
        ),
        OpenError::Encrypted(why) => ReadError::Unsupported(why.into()),
    })?;
    let pages = page_list(&file)?;
    let mut interp = content::Interp::new(&file);
    let mut laid: Vec<(Vec<Item>, f64)> = Vec::with_capacity(pages.len());
    let (mut glyphs, mut unmapped, mut images) = (0usize, 0usize, 0usize);
    let mut first_unmapped: Option<usize> = None;
    for (i, p) in pages.iter().enumerate() {
        let data = page_content(&file, &p.dict);
        let pc = interp.page(&data, &p.resources);
        images += has_images(&file, &p.resources) as usize;
        glyphs += pc.glyphs.len();
        let bad = pc.glyphs.iter().filter(|g| g.text.is_none()).count();
        if bad > 0 && first_unmapped.is_none() {
            first_unmapped = Some(i + 1);
        }
        unmapped += bad;
        images += pc.images;
        laid.push((layout::page(&pc), p.height));
    }
    if file.over_budget.get() {
        return Err(ReadError::Unsupported(
            "PDF 中的数据解压后超过 100 MB，可能是恶意构造的文件，未读取".into(),
        ));
    }
    if glyphs == 0 {
        if images == 0 {
            return Err(ReadError::Empty);
        }
        return Err(ReadError::NoTextLayer(
            "这是扫描的 PDF（只有图片），目前还不能读取扫描的报告".into(),
        ));
    }
    if unmapped * 2 > glyphs {
        return Err(ReadError::Unsupported(format!(
            "PDF 中的文字使用了无法转换为汉字的字体编码（从第 {} 页起，{unmapped} 个字中有 {} 个无法识别），\
             读出的文字不可靠；请提供 Word（.docx）或网页（.html）版本",
            first_unmapped.unwrap_or(1),
            unmapped
        )));
    }
    drop_running_lines(&mut laid);
    let blocks = to_blocks(laid);
    let mut doc = blocks::layout(&blocks, InputFormat::Pdf);
    doc.text = fold_radicals(&doc.text);
    for l in &mut doc.lines {
        for c in &mut l.cells {
            c.text = fold_radicals(&c.text);
        }
    }
    if doc.lines.is_empty() {
        return Err(ReadError::Empty);
    }
    if unmapped > 0 {
        doc.notes.push(format!(
            "PDF 中有 {unmapped} 个字的字体编码无法转换为文字（从第 {} 页起，在读出的文字中显示为 \u{FFFD}），\
             涉及这些字的内容可能读错或漏读；请核对原文，或提供 Word（.docx）或网页（.html）版本",
            first_unmapped.unwrap_or(1)
        ));
    }
    Ok(doc)
}

/// Whether a page's resources hold an image (a scan draws one per page).
fn has_images(file: &File, res: &Dict) -> bool {
    file.get_dict(res, b"XObject").is_some_and(|xo| {
        xo.0.iter().any(|(_, o)| {
            file.resolve(o)
                .as_dict()
                .and_then(|d| d.get(b"Subtype").and_then(Obj::as_name))
                == Some(b"Image")
        })
    })
}

struct Page {
    dict: Dict,
    resources: Dict,
    height: f64,
}

/// The pages in order, with inherited resources and media boxes.
fn page_list(file: &File) -> Result<Vec<Page>, ReadError> {
    let root = file.root().unwrap_or_default();
    let mut out = Vec::new();
    // Page tree nodes visited, sorted (a tree with a cycle is read once).
    let mut seen: Vec<u32> = Vec::new();
    // (node, inherited resources, inherited height)
    let mut stack: Vec<(Obj, Option<Dict>, f64)> = Vec::new();
    match root.get(b"Pages") {
        Some(p) if file.resolve(p).as_dict().is_some() => stack.push((p.clone(), None, 842.0)),
        // No page tree: the page objects found in the file, in object order.
        _ => {
            for (r, _) in file
                .all_of_type(b"Page")
                .into_iter()
                .rev()
                .take(MAX_PAGES + 1)
            {
                stack.push((r, None, 842.0));
            }
        }
    }
    while let Some((node, res, height)) = stack.pop() {
        if let Obj::Ref(n, _) = node {
            match seen.binary_search(&n) {
                Ok(_) => continue,
                Err(i) => seen.insert(i, n),
            }
        }
        let Some(d) = file.resolve(&node).as_dict().cloned() else {
            continue;
        };
        let res = file.get_dict(&d, b"Resources").or(res);
        let height = match d.get(b"MediaBox").map(|o| file.resolve(o)) {
            Some(Obj::Array(a)) if a.len() == 4 => {
                let v: Vec<f64> = a.iter().map(|x| x.as_f64().unwrap_or(0.0)).collect();
                (v[3] - v[1]).abs()
            }
            _ => height,
        };
        match d.get(b"Kids").map(|o| file.resolve(o)) {
            Some(Obj::Array(kids)) => {
                for k in kids.iter().rev() {
                    stack.push((k.clone(), res.clone(), height));
                }
            }
            _ => {
                if out.len() >= MAX_PAGES {
                    return Err(ReadError::Unsupported(format!(
                        "PDF 超过 {MAX_PAGES} 页，不像是一份年度报告，未读取"
                    )));
                }
                out.push(Page {
                    dict: d,
                    resources: res.unwrap_or_default(),
                    height,
                });
            }
        }
        if seen.len() > MAX_PAGES * 4 {
            break;
        }
    }
    Ok(out)
}

fn page_content(file: &File, page: &Dict) -> Vec<u8> {
    let mut out = Vec::new();
    let parts = match page.get(b"Contents").map(|o| file.resolve(o)) {
        Some(Obj::Array(a)) => a.iter().map(|o| file.resolve(o)).collect(),
        Some(o) => vec![o],
        None => vec![],
    };
    for p in parts {
        if let Obj::Stream(s) = p {
            if let Ok(d) = file.decode(&s) {
                out.extend_from_slice(&d);
                out.push(b'\n');
            }
        }
    }
    out
}

/// Page numbers ("- 3 -", "第 3 页", "3/6") and lines repeated at the top or bottom of most
/// pages (running heads) are not part of the report.
fn drop_running_lines(pages: &mut [(Vec<Item>, f64)]) {
    let margin = |h: f64| h * 0.1;
    let key = |t: &str| -> String {
        t.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect()
    };
    // Lines of the margins and on how many pages each occurs (a page has a few).
    let mut count: Vec<(String, usize)> = Vec::new();
    for (items, h) in pages.iter() {
        let mut seen: Vec<String> = Vec::new();
        for it in items {
            if let Item::Line { text, y } = it {
                if *y > h - margin(*h) || *y < margin(*h) {
                    let k = key(text);
                    // Bounded: a hostile page could fill its margins with thousands of lines.
                    if seen.len() < 50 && !seen.contains(&k) {
                        let full = count.len() >= 500;
                        match count.iter_mut().find(|c| c.0 == k) {
                            Some(c) => c.1 += 1,
                            None if !full => count.push((k.clone(), 1)),
                            None => {}
                        }
                        seen.push(k);
                    }
                }
            }
        }
    }
    let n = pages.len();
    for (items, h) in pages.iter_mut() {
        let h = *h;
        items.retain(|it| match it {
            Item::Line { text, y } if *y > h - margin(h) || *y < margin(h) => {
                let k = key(text);
                let repeated = n >= 3 && count.iter().any(|c| c.0 == k && c.1 * 2 > n);
                !(repeated || is_page_number(text))
            }
            _ => true,
        });
    }
}

fn is_page_number(t: &str) -> bool {
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_matches(|c| matches!(c, '-' | '—' | '–' | '－' | '·'));
    if t.is_empty() {
        return false;
    }
    let core = t
        .trim_start_matches('第')
        .trim_end_matches('页')
        .trim_start_matches("Page")
        .trim_start_matches("page");
    let digits_and = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '共' | '页' | '第' | ' '))
    };
    !core.is_empty() && core.chars().any(|c| c.is_ascii_digit()) && digits_and(core)
}

/// Items of all pages as blocks; a table that ends a page and one that starts the next with the
/// same columns are one table (a repeated header row dropped).
fn to_blocks(pages: Vec<(Vec<Item>, f64)>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    // The last table block and its column edges, while it is the last item written.
    let mut open: Option<(usize, Vec<f64>)> = None;
    for (i, (items, _)) in pages.into_iter().enumerate() {
        let page_marker = out.len();
        out.push(Block::Page(i as u32 + 1));
        let mut first = true;
        for it in items {
            match it {
                Item::Table(t) => {
                    if let (true, Some((at, xs))) = (first, &open) {
                        if same_columns(xs, &t.xs) {
                            if let Block::Table(rows) = &mut out[*at] {
                                let mut new = t.rows;
                                if !new.is_empty()
                                    && !rows.is_empty()
                                    && row_text(&new[0]) == row_text(&rows[0])
                                {
                                    new.remove(0);
                                }
                                rows.extend(new);
                            }
                            // The page marker stays: it has nothing after it yet.
                            first = false;
                            continue;
                        }
                    }
                    out.push(Block::Table(t.rows));
                    open = Some((out.len() - 1, t.xs));
                }
                Item::Line { text, .. } => {
                    out.push(Block::Para {
                        text,
                        heading: None,
                    });
                    open = None;
                }
            }
            first = false;
        }
        let _ = page_marker;
    }
    out
}

fn same_columns(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 6.0)
}

fn row_text(row: &[blocks::TableCell]) -> Vec<String> {
    row.iter()
        .map(|c| {
            c.blocks
                .iter()
                .map(|b| match b {
                    Block::Para { text, .. } => text.clone(),
                    _ => String::new(),
                })
                .collect()
        })
        .collect()
}

/// Kangxi radicals and CJK radicals supplement characters that fonts share with ideographs
/// (as the simplified character where the radical's own form is traditional: a Chinese font
/// draws ⾨ with the glyph of 门)
/// (PDF text often comes out as "第⼀项", "申请⼈"), and CJK compatibility ideographs, as the
/// unified ideographs.
fn fold_radicals(s: &str) -> String {
    if !s
        .chars()
        .any(|c| matches!(c, '\u{2E80}'..='\u{2FDF}' | '\u{F900}'..='\u{FAFF}'))
    {
        return s.to_owned();
    }
    s.chars().map(fold_radical).collect()
}

const KANGXI: &str = "一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳心戈户手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾见角言谷豆豕豸贝赤走足身车辛辰辵邑酉釆里金长门阜隶隹雨青非面革韦韭音页风飞食首香马骨高髟鬥鬯鬲鬼鱼鸟卤鹿麦麻黄黍黑黹黾鼎鼓鼠鼻齐齿龙龟龠";

/// Supplement forms (simplified ones included, which have no Unicode decomposition).
const SUPPLEMENT: &[(char, char)] = &[
    ('\u{2E9F}', '母'),
    ('\u{2EA0}', '民'),
    ('\u{2EA9}', '王'),
    ('\u{2EC4}', '西'),
    ('\u{2EC5}', '见'),
    ('\u{2EC6}', '角'),
    ('\u{2EC9}', '贝'),
    ('\u{2ECB}', '车'),
    ('\u{2ED1}', '長'),
    ('\u{2ED3}', '长'),
    ('\u{2ED4}', '门'),
    ('\u{2ED8}', '青'),
    ('\u{2EDA}', '页'),
    ('\u{2EDB}', '风'),
    ('\u{2EDC}', '飞'),
    ('\u{2EDD}', '食'),
    ('\u{2EE2}', '马'),
    ('\u{2EE5}', '鱼'),
    ('\u{2EE6}', '鸟'),
    ('\u{2EE9}', '黄'),
    ('\u{2EEC}', '齐'),
    ('\u{2EEE}', '齿'),
    ('\u{2EF0}', '龙'),
    ('\u{2EF3}', '龟'),
];

fn fold_radical(c: char) -> char {
    match c {
        '\u{2F00}'..='\u{2FD5}' => KANGXI.chars().nth(c as usize - 0x2F00).unwrap_or(c),
        '\u{2E80}'..='\u{2EFF}' => SUPPLEMENT
            .iter()
            .find(|(k, _)| *k == c)
            .map_or(c, |&(_, v)| v),
        '\u{F900}'..='\u{FAFF}' => compat_ideograph(c),
        _ => c,
    }
}

/// CJK compatibility ideographs (U+F900–U+FAFF) and their unified ideographs, in pairs.
const COMPAT: &str = "豈豈更更車車賈賈滑滑串串句句龜龜龜龜契契金金喇喇奈奈懶懶癩癩羅羅蘿蘿螺螺裸裸邏邏樂樂洛洛烙烙珞珞落落酪酪駱駱亂亂卵卵欄欄爛爛蘭蘭鸞鸞嵐嵐濫濫藍藍襤襤拉拉臘臘蠟蠟廊廊朗朗浪浪狼狼郎郎來來冷冷勞勞擄擄櫓櫓爐爐盧盧老老蘆蘆虜虜路路露露魯魯鷺鷺碌碌祿祿綠綠菉菉錄錄鹿鹿論論壟壟弄弄籠籠聾聾牢牢磊磊賂賂雷雷壘壘屢屢樓樓淚淚漏漏累累縷縷陋陋勒勒肋肋凜凜凌凌稜稜綾綾菱菱陵陵讀讀拏拏樂樂諾諾丹丹寧寧怒怒率率異異北北磻磻便便復復不不泌泌數數索索參參塞塞省省葉葉說說殺殺辰辰沈沈拾拾若若掠掠略略亮亮兩兩凉凉梁梁糧糧良良諒諒量量勵勵呂呂女女廬廬旅旅濾濾礪礪閭閭驪驪麗麗黎黎力力曆曆歷歷轢轢年年憐憐戀戀撚撚漣漣煉煉璉璉秊秊練練聯聯輦輦蓮蓮連連鍊鍊列列劣劣咽咽烈烈裂裂說說廉廉念念捻捻殮殮簾簾獵獵令令囹囹寧寧嶺嶺怜怜玲玲瑩瑩羚羚聆聆鈴鈴零零靈靈領領例例禮禮醴醴隸隸惡惡了了僚僚寮寮尿尿料料樂樂燎燎療療蓼蓼遼遼龍龍暈暈阮阮劉劉杻杻柳柳流流溜溜琉琉留留硫硫紐紐類類六六戮戮陸陸倫倫崙崙淪淪輪輪律律慄慄栗栗率率隆隆利利吏吏履履易易李李梨梨泥泥理理痢痢罹罹裏裏裡裡里里離離匿匿溺溺吝吝燐燐璘璘藺藺隣隣鱗鱗麟麟林林淋淋臨臨立立笠笠粒粒狀狀炙炙識識什什茶茶刺刺切切度度拓拓糖糖宅宅洞洞暴暴輻輻行行降降見見廓廓兀兀嗀嗀﨎﨎﨏﨏塚塚﨑﨑晴晴﨓﨓﨔﨔凞凞猪猪益益礼礼神神祥祥福福靖靖精精羽羽﨟﨟蘒蘒﨡﨡諸諸﨣﨣﨤﨤逸逸都都﨧﨧﨨﨨﨩﨩飯飯飼飼館館鶴鶴郞郞隷隷侮侮僧僧免免勉勉勤勤卑卑喝喝嘆嘆器器塀塀墨墨層層屮屮悔悔慨慨憎憎懲懲敏敏既既暑暑梅梅海海渚渚漢漢煮煮爫爫琢琢碑碑社社祉祉祈祈祐祐祖祖祝祝禍禍禎禎穀穀突突節節練練縉縉繁繁署署者者臭臭艹艹艹艹著著褐褐視視謁謁謹謹賓賓贈贈辶辶逸逸難難響響頻頻恵恵𤋮𤋮舘舘並並况况全全侀侀充充冀冀勇勇勺勺喝喝啕啕喙喙嗢嗢塚塚墳墳奄奄奔奔婢婢嬨嬨廒廒廙廙彩彩徭徭惘惘慎慎愈愈憎憎慠慠懲懲戴戴揄揄搜搜摒摒敖敖晴晴朗朗望望杖杖歹歹殺殺流流滛滛滋滋漢漢瀞瀞煮煮瞧瞧爵爵犯犯猪猪瑱瑱甆甆画画瘝瘝瘟瘟益益盛盛直直睊睊着着磌磌窱窱節節类类絛絛練練缾缾者者荒荒華華蝹蝹襁襁覆覆視視調調諸諸請請謁謁諾諾諭諭謹謹變變贈贈輸輸遲遲醙醙鉶鉶陼陼難難靖靖韛韛響響頋頋頻頻鬒鬒龜龜𢡊𢡊𢡄𢡄𣏕𣏕㮝㮝䀘䀘䀹䀹𥉉𥉉𥳐𥳐𧻓𧻓齃齃龎龎";

fn compat_ideograph(c: char) -> char {
    let mut it = COMPAT.chars();
    while let (Some(k), Some(v)) = (it.next(), it.next()) {
        if k == c {
            return v;
        }
    }
    c
}
