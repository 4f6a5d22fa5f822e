//! Which report is last year's report of which: the X rules compare a report only with the
//! report of the same agency for the year before (issue 10 item 4), matched on the agency and
//! the year the engine recognised.

/// The agency and year recognised in a report (None when not found).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Identity {
    pub agency: Option<String>,
    pub year: Option<i32>,
}

impl Identity {
    pub fn of(report: Option<&crate::report::Report>) -> Identity {
        Identity {
            agency: report
                .and_then(|r| r.agency.as_deref())
                .map(|a| a.trim().to_owned())
                .filter(|a| !a.is_empty()),
            year: report.and_then(|r| r.year.as_ref()).map(|(y, _)| *y),
        }
    }

    /// 「青山县石桥镇 2023 年度」, with 「未识别」 for what is unknown.
    pub fn words(&self) -> String {
        format!(
            "{} {}",
            self.agency.as_deref().unwrap_or("（未识别机关）"),
            self.year
                .map_or("（未识别年度）".to_owned(), |y| format!("{y} 年度"))
        )
    }
}

/// True when `previous` is the report of the same agency for the year before `report`'s, as the
/// X rules judge it (`rules::same_agency`). Both must be known: an unrecognised agency or year
/// never matches.
pub fn follows(report: &Identity, previous: &Identity) -> bool {
    match (&report.agency, report.year, &previous.agency, previous.year) {
        (Some(a), Some(y), Some(pa), Some(py)) => y == py + 1 && crate::rules::same_agency(a, pa),
        _ => false,
    }
}

/// For each report, the index of its previous year's report among `ids`: the engine's pairing
/// of a batch (`rules::previous_in_batch`), so that the page and the X rules agree.
pub fn partners(ids: &[Identity]) -> Vec<Option<usize>> {
    let batch: Vec<(Option<&str>, Option<i32>)> =
        ids.iter().map(|i| (i.agency.as_deref(), i.year)).collect();
    crate::rules::previous_in_batch(&batch)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(a: &str, y: i32) -> Identity {
        Identity {
            agency: Some(a.into()),
            year: Some(y),
        }
    }

    #[test]
    fn same_agency_year_before_only() {
        assert!(follows(&id("甲镇", 2024), &id("甲镇", 2023)));
        assert!(!follows(&id("甲镇", 2024), &id("乙镇", 2023)));
        assert!(!follows(&id("甲镇", 2024), &id("甲镇", 2022)));
        assert!(!follows(&id("甲镇", 2024), &id("甲镇", 2024)));
        let unknown = Identity {
            agency: None,
            year: Some(2023),
        };
        assert!(!follows(&id("甲镇", 2024), &unknown));
        assert!(!follows(&unknown, &unknown));
    }

    #[test]
    fn each_report_finds_its_own_previous_year() {
        let ids = [
            id("甲镇", 2024),
            id("乙镇", 2024),
            id("甲镇", 2023),
            id("乙镇", 2023),
            id("丙镇", 2024),
        ];
        assert_eq!(partners(&ids), [Some(2), Some(3), None, None, None]);
    }
}
