//! D — publication.

use super::{text, Context, Rule, Sink};
use crate::diagnostic::Severity::*;
use crate::report::{AgencyKind, Date};

pub const D001: Rule = Rule {
    code: "D001",
    name: "late-publication",
    severity: Warning,
    summary: text!("报告落款或发布日期晚于法定期限（部门 1 月 31 日，县级以上人民政府 3 月 31 日）"),
    doc: text!("《条例》第四十九条：县级以上人民政府部门应于每年 1 月 31 日前公布本机关上一年度的年度报告；县级以上地方人民政府应于每年 3 月 31 日前公布本级政府上一年度的年度报告。\
乡镇、街道按当地通知执行，不检查。只有报告中有落款日期时才能检查。"),
    check: Some(d001),
};

fn d001(ctx: &Context, sink: &mut Sink) {
    let r = ctx.report;
    let (Some((date, loc)), Some((year, _))) = (r.published, r.year) else {
        return;
    };
    let (month, who) = match r.agency_kind {
        AgencyKind::RegulationMakingGovernment | AgencyKind::CountyGovernment => {
            (3, "县级以上人民政府")
        }
        AgencyKind::LocalDepartment
        | AgencyKind::StateCouncilDepartment
        | AgencyKind::GeneralOffice(_) => (1, "政府部门"),
        _ => return,
    };
    let deadline = Date {
        year: year + 1,
        month,
        day: 31,
    };
    if date > deadline {
        sink.emit(format!(
            "落款日期 {}年{}月{}日 晚于{who}的公布期限 {}年{}月31日",
            date.year, date.month, date.day, deadline.year, deadline.month
        ))
        .at(loc)
        .expected(format!("不晚于{}年{}月31日", deadline.year, deadline.month))
        .actual(format!("{}年{}月{}日", date.year, date.month, date.day));
    }
}
