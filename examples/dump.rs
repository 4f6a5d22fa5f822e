// Prints what recognition found in a file (development aid).
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap();
        let doc = match nianbao::source::read(&bytes) {
            Ok(d) => d,
            Err(e) => {
                println!("{path}: {e:?}");
                continue;
            }
        };
        let r = nianbao::report::recognise(&doc);
        println!("== {path}");
        println!(
            "title {:?} agency {:?} kind {:?} year {:?}",
            r.title, r.agency, r.agency_kind, r.year
        );
        println!(
            "period {:?}",
            r.period.as_ref().map(|p| (p.start, p.end, p.loc.line))
        );
        println!("published {:?} format {:?}", r.published, r.format_version);
        for p in &r.parts {
            println!(
                "part {} written {:?} {:?} {:?} line {}",
                p.number, p.written_number, p.title, p.title_match, p.loc.line
            );
        }
        for p in &r.duplicate_parts {
            println!("dup part {} line {}", p.number, p.loc.line);
        }
        for (name, t) in [("t2", &r.table2), ("t3", &r.table3), ("t4", &r.table4)] {
            match t {
                None => println!("{name}: none"),
                Some(t) => {
                    println!(
                        "{name}: layout {:?} missing {:?}",
                        t.layout,
                        t.missing.iter().map(|m| m.key).collect::<Vec<_>>()
                    );
                    for row in &t.rows {
                        let cells: Vec<String> = row
                            .cells
                            .iter()
                            .map(|c| {
                                if c.raw.is_empty() {
                                    "_".into()
                                } else {
                                    c.raw.clone()
                                }
                            })
                            .collect();
                        println!(
                            "  {:<18} {:?}  @{}",
                            row.spec.key,
                            cells.join(" "),
                            row.loc.line
                        );
                    }
                    for s in &t.subtotal_rows {
                        println!(
                            "  subtotal {:?} {:?}",
                            s.group,
                            s.cells.iter().map(|c| c.raw.clone()).collect::<Vec<_>>()
                        );
                    }
                }
            }
        }
        for i in &r.issues {
            println!("issue {i:?}");
        }
        for s in &r.facts.statements {
            println!("stmt {:?} {} @{}", s.kind, s.value, s.loc.line);
        }
        for c in &r.facts.claims {
            println!(
                "claim {:?} @{} {}",
                c.kind,
                c.loc.line,
                c.quote.chars().take(30).collect::<String>()
            );
        }
        for y in &r.facts.year_mentions {
            println!("year {} @{}", y.year, y.loc.line);
        }
        println!("intro {:?}", r.facts.intro_parts.as_ref().map(|i| i.count));
        println!(
            "aspects {:?} acct {:?} fees {} improve {} problems {}",
            r.facts.aspects_found,
            r.facts.accountability_found,
            r.facts.fee_mentions.len(),
            r.facts.improvement_found,
            r.facts.problems_found
        );
        println!(
            "misspelt {:?} old {:?}",
            r.facts
                .misspelt_law
                .iter()
                .map(|c| &c.text)
                .collect::<Vec<_>>(),
            r.facts.old_format_citations.len()
        );
    }
}
