//! Issue 3: unit reports and the consolidated report — arithmetic, order invariance, statuses,
//! collection errors, and the text of the generated documents.

use std::path::{Path, PathBuf};
use std::process::Command;

use vanban::internals::consolidate::collect::{collect, collect_files, report_files};
use vanban::internals::consolidate::{
    aggregate, consolidate, unit_results, Consolidated, Source, Status,
};
use vanban::internals::data::indicator::{Direction, Evaluation, Indicator, Measure};
use vanban::internals::data::report::{FigureValue, Unit, UnitReport};
use vanban::Templates;
use vanban::{load_envelope, load_plan, load_unit_report, Envelope, Plan};

use crate::support::{fixture, fixture_workspace};

fn plan() -> Plan {
    load_plan(&fixture("ke-hoach-2025.yaml")).unwrap().value
}

fn envelope() -> Envelope {
    load_envelope(&fixture("tong-hop-2025.yaml")).unwrap().value
}

fn sample_files() -> Vec<PathBuf> {
    report_files(&fixture("bao-cao")).unwrap()
}

fn samples(plan: &Plan) -> Vec<UnitReport> {
    sample_files()
        .iter()
        .map(|f| load_unit_report(f, plan).unwrap().value)
        .collect()
}

/// A copy of the fixtures as `data/` in a temporary folder, for tests that change files or run
/// `vanban build` with its default paths.
fn data_copy() -> tempfile::TempDir {
    fixture_workspace()
}

/// Deterministic permutations of `0..n` (a small LCG; no randomness in tests).
fn permutations(n: usize) -> Vec<Vec<usize>> {
    let mut out = vec![(0..n).rev().collect::<Vec<_>>()];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..20 {
        let mut p: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            p.swap(i, (seed >> 33) as usize % (i + 1));
        }
        out.push(p);
    }
    out
}

#[test]
fn samples_are_valid_and_cover_every_case() {
    let plan = plan();
    let reports = samples(&plan);
    assert_eq!(reports.len(), 8);
    let c = consolidate(&plan, &envelope(), &reports, &[]);
    let evals: Vec<Evaluation> = c.indicators.iter().map(|r| r.evaluation).collect();
    for e in [
        Evaluation::Exceeded,
        Evaluation::Met,
        Evaluation::NotMet,
        Evaluation::NotApplicable,
        Evaluation::NoData,
    ] {
        assert!(evals.contains(&e), "sample data should produce {e:?}");
    }
    assert!(c.units.iter().any(|u| matches!(u.status, Status::Late(_))));
}

#[test]
fn consolidation_is_invariant_under_input_order() {
    let plan = plan();
    let env = envelope();
    let reports = samples(&plan);
    let want = consolidate(&plan, &env, &reports, &[]);
    for p in permutations(reports.len()) {
        let shuffled: Vec<UnitReport> = p.iter().map(|&i| reports[i].clone()).collect();
        assert_eq!(
            consolidate(&plan, &env, &shuffled, &[]),
            want,
            "order {p:?}"
        );
    }
    // Also through the file reader, with the files handed over in shuffled order.
    let files = sample_files();
    for p in permutations(files.len()).into_iter().take(5) {
        let shuffled: Vec<PathBuf> = p.iter().map(|&i| files[i].clone()).collect();
        let c = collect_files(&shuffled, &plan);
        assert!(c.rejected.is_empty());
        assert_eq!(consolidate(&plan, &env, &c.reports, &[]), want);
    }
}

#[test]
fn one_unit_consolidates_to_its_own_figures() {
    let plan = plan();
    let env = envelope();
    for r in samples(&plan) {
        let c = consolidate(&plan, &env, std::slice::from_ref(&r), &[]);
        let own = unit_results(&plan, &r);
        for res in &c.indicators {
            match own.iter().find(|o| o.indicator.id == res.indicator.id) {
                Some(o) => {
                    assert_eq!(res.value, o.value, "{} {}", r.unit.id, res.indicator.id);
                    // A unit's count is its contribution to the ward's target, not judged alone.
                    if res.indicator.measure == Measure::Count {
                        assert_eq!(o.evaluation, Evaluation::Contribution);
                    } else {
                        assert_eq!(res.evaluation, o.evaluation);
                    }
                    assert_eq!(
                        (res.numerator, res.denominator),
                        (o.numerator, o.denominator)
                    );
                    assert_eq!(res.sources.len(), 1);
                }
                None => assert_eq!(
                    res.evaluation,
                    Evaluation::NoData,
                    "{} {}",
                    r.unit.id,
                    res.indicator.id
                ),
            }
        }
    }
}

#[test]
fn totals_equal_the_sums_over_units() {
    let plan = plan();
    let reports = samples(&plan);
    let c = consolidate(&plan, &envelope(), &reports, &[]);
    for res in &c.indicators {
        let (mut n, mut d, mut units) = (0.0, 0.0, 0);
        for r in &reports {
            if let Some(f) = r.figure(&res.indicator.id) {
                units += 1;
                match f.value {
                    FigureValue::Ratio {
                        numerator,
                        denominator,
                    } => {
                        n += numerator;
                        d += denominator;
                    }
                    FigureValue::Count(x) => n += x,
                    FigureValue::Done(_) => {}
                }
            }
        }
        assert_eq!(res.sources.len(), units, "{}", res.indicator.id);
        assert!((res.numerator - n).abs() < 1e-9, "{}", res.indicator.id);
        assert!((res.denominator - d).abs() < 1e-9, "{}", res.indicator.id);
        if res.indicator.measure == Measure::Ratio && d > 0.0 {
            let want = (n / d * res.indicator.factor * 10.0).round() / 10.0;
            assert_eq!(res.value, Some(want), "{}", res.indicator.id);
        }
    }
    // MT1.CT2 is reported by five units: (2+1+2+1+4)/(4+5+3+3+9) = 41,7 %, not the mean of ratios.
    let r = c
        .indicators
        .iter()
        .find(|r| r.indicator.id == "MT1.CT2")
        .unwrap();
    assert_eq!(r.value, Some(41.7));
    assert_eq!(r.evaluation, Evaluation::Exceeded);
}

fn indicator(
    measure: Measure,
    target: Option<f64>,
    direction: Option<Direction>,
    factor: f64,
) -> Indicator {
    Indicator {
        id: "X".into(),
        name: "x".into(),
        objective: 1,
        measure,
        target,
        unit: "%".into(),
        direction,
        factor,
        upper_id: None,
        numerator_label: None,
        denominator_label: None,
        count_unit: None,
    }
}

fn source(value: FigureValue) -> Source {
    Source {
        unit: Unit {
            id: "u".into(),
            name: "U".into(),
        },
        value,
        note: None,
        parts: Vec::new(),
    }
}

fn ratio(n: f64, d: f64) -> Vec<Source> {
    vec![source(FigureValue::Ratio {
        numerator: n,
        denominator: d,
    })]
}

#[test]
fn evaluation_table_for_every_direction() {
    use Direction::*;
    use Evaluation::*;
    // (target, numerator, denominator, direction, expected) with factor 100 (%).
    let cases = [
        (40.0, 39.0, 100.0, AtLeast, NotMet),
        (40.0, 40.0, 100.0, AtLeast, Met),
        (40.0, 41.0, 100.0, AtLeast, Exceeded),
        (50.0, 51.0, 100.0, AtMost, NotMet),
        (50.0, 50.0, 100.0, AtMost, Met),
        // Under an at-most target is meeting it, never "Vượt" (issue 9, item 7).
        (50.0, 49.0, 100.0, AtMost, Met),
        (0.0, 0.0, 102.0, AtMost, Met),
        (0.0, 1.0, 102.0, AtMost, NotMet),
        (100.0, 100.0, 100.0, Exactly, Met),
        (100.0, 99.0, 100.0, Exactly, NotMet),
        (100.0, 101.0, 100.0, Exactly, NotMet),
        // Exact target reached through rounding to the printed 0,1: 2/3 = 66,67 → 66,7.
        (66.7, 2.0, 3.0, Exactly, Met),
        // Zero denominators: nothing to measure, whatever the direction.
        (100.0, 0.0, 0.0, AtLeast, NotApplicable),
        (0.0, 0.0, 0.0, AtMost, NotApplicable),
        (100.0, 0.0, 0.0, Exactly, NotApplicable),
    ];
    for (target, n, d, dir, want) in cases {
        let i = indicator(Measure::Ratio, Some(target), Some(dir), 100.0);
        assert_eq!(
            aggregate(&i, ratio(n, d)).evaluation,
            want,
            "{n}/{d} vs {target} {dir:?}"
        );
    }
    // No unit reported: no data, for every measure.
    for m in [Measure::Ratio, Measure::Count, Measure::Qualitative] {
        let i = indicator(m, Some(1.0), Some(AtLeast), 1.0);
        assert_eq!(aggregate(&i, vec![]).evaluation, NoData);
    }
    // Counts: summed, then compared.
    let count = |xs: &[f64]| {
        xs.iter()
            .map(|&x| source(FigureValue::Count(x)))
            .collect::<Vec<_>>()
    };
    let i = indicator(Measure::Count, Some(3.0), Some(AtLeast), 1.0);
    assert_eq!(aggregate(&i, count(&[1.0, 1.0])).evaluation, NotMet);
    assert_eq!(aggregate(&i, count(&[1.0, 2.0])).evaluation, Met);
    assert_eq!(aggregate(&i, count(&[2.0, 2.0])).evaluation, Exceeded);
    // Qualitative: Đạt only when every reporting unit has done it.
    let i = indicator(Measure::Qualitative, None, None, 1.0);
    let done = |b: bool| source(FigureValue::Done(b));
    assert_eq!(aggregate(&i, vec![done(true), done(true)]).evaluation, Met);
    assert_eq!(
        aggregate(&i, vec![done(true), done(false)]).evaluation,
        NotMet
    );
}

#[test]
fn late_and_missing_units_are_listed_in_envelope_order() {
    let d = data_copy();
    let data = d.path().join("data");
    std::fs::remove_file(data.join("bao-cao/mat-tran.yaml")).unwrap();
    let p = data.join("bao-cao/tram-y-te.yaml");
    let text = std::fs::read_to_string(&p)
        .unwrap()
        .replace("ngay_nop: \"2025-12-01\"", "ngay_nop: \"2025-12-04\"");
    std::fs::write(&p, text).unwrap();
    let plan = plan();
    let env = load_envelope(&data.join("tong-hop-2025.yaml"))
        .unwrap()
        .value;
    let col = collect(&data.join("bao-cao"), &plan).unwrap();
    let c = consolidate(&plan, &env, &col.reports, &[]);
    let order: Vec<&str> = c.units.iter().map(|u| u.unit.id.as_str()).collect();
    let want: Vec<&str> = env.expected.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(order, want);
    let late: Vec<&str> = c
        .units_where(|s| matches!(s, Status::Late(_)))
        .iter()
        .map(|u| u.unit.id.as_str())
        .collect();
    assert_eq!(late, ["tram-y-te", "doan-thanh-nien"]);
    let missing: Vec<&str> = c
        .units_where(|s| matches!(s, Status::Missing))
        .iter()
        .map(|u| u.unit.id.as_str())
        .collect();
    assert_eq!(missing, ["mat-tran"]);
    // MT6.CT2 was reported only by the missing unit.
    let r = c
        .indicators
        .iter()
        .find(|r| r.indicator.id == "MT6.CT2")
        .unwrap();
    assert_eq!(r.evaluation, Evaluation::NoData);
}

#[test]
fn a_bad_file_does_not_hide_the_others() {
    let d = data_copy();
    let dir = d.path().join("data/bao-cao");
    // A syntax error, an unknown indicator, and two files for the same unit.
    std::fs::write(
        dir.join("a-hong.yaml"),
        "don_vi:\n  ma: \"a-hong\"\n   ten: x\n",
    )
    .unwrap();
    let p = dir.join("tram-y-te.yaml");
    let text = std::fs::read_to_string(&p)
        .unwrap()
        .replace("MT4.CT2", "MT4.CT9");
    std::fs::write(&p, text).unwrap();
    std::fs::copy(dir.join("cong-an.yaml"), dir.join("cong-an-ban-sao.yaml")).unwrap();
    let plan = plan();
    let c = collect(&dir, &plan).unwrap();
    let bad: Vec<String> = c
        .rejected
        .iter()
        .map(|r| r.path.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    assert_eq!(
        bad,
        [
            "a-hong.yaml",
            "cong-an-ban-sao.yaml",
            "cong-an.yaml",
            "tram-y-te.yaml"
        ]
    );
    assert_eq!(c.reports.len(), 6);
    let errors = c.errors();
    let text = errors.to_string();
    assert!(text.contains("a-hong.yaml:3:"), "{text}");
    assert!(
        text.contains("tram-y-te.yaml:") && text.contains("MT4.CT9") && text.contains("MT4.CT3"),
        "{text}"
    );
    assert!(
        text.contains("cong-an.yaml") && text.contains("cong-an-ban-sao.yaml"),
        "{text}"
    );
    // With --allow-partial semantics the rejected units count as not reported.
    let env = envelope();
    let cons = consolidate(&plan, &env, &c.reports, &c.rejected_ids());
    let invalid: Vec<&str> = cons
        .units_where(|s| matches!(s, Status::Invalid))
        .iter()
        .map(|u| u.unit.id.as_str())
        .collect();
    assert_eq!(invalid, ["tram-y-te", "cong-an", "a-hong"]);
}

#[test]
fn an_empty_folder_is_a_clear_error() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("ghi-chu.txt"), "x").unwrap();
    let e = collect(d.path(), &plan()).unwrap_err();
    assert!(e.to_string().contains("không có tệp .yaml"), "{e}");
}

// --- Document text -------------------------------------------------------------------------

/// The text of `word/document.xml`: paragraphs (outside tables) and tables (rows of cell texts).
struct DocText {
    paragraphs: Vec<String>,
    tables: Vec<Vec<Vec<String>>>,
}

fn doc_text(docx: &[u8]) -> DocText {
    use quick_xml::events::Event;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut paragraphs, mut tables) = (Vec::new(), Vec::new());
    let mut depth = 0usize; // table nesting
    let (mut para, mut cell) = (String::new(), String::new());
    let mut row: Vec<String> = Vec::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    let mut in_t = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => match e.name().as_ref() {
                b"w:tbl" => depth += 1,
                b"w:t" => in_t = true,
                _ => {}
            },
            Event::Empty(e) if e.name().as_ref() == b"w:br" => para.push('\n'),
            Event::Text(t) if in_t => para.push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) if in_t => para.push_str(match &*r as &[u8] {
                b"amp" => "&",
                b"lt" => "<",
                b"gt" => ">",
                b"quot" => "\"",
                b"apos" => "'",
                _ => "?",
            }),
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_t = false,
                b"w:p" => {
                    let p = std::mem::take(&mut para);
                    if depth == 0 {
                        paragraphs.push(p);
                    } else {
                        if !cell.is_empty() {
                            cell.push('\n');
                        }
                        cell.push_str(&p);
                    }
                }
                b"w:tc" => row.push(std::mem::take(&mut cell)),
                b"w:tr" => table.push(std::mem::take(&mut row)),
                b"w:tbl" => {
                    depth -= 1;
                    tables.push(std::mem::take(&mut table));
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    DocText { paragraphs, tables }
}

/// The indicator table of a document: the table whose header starts with `STT`.
fn indicator_table(d: &DocText) -> &Vec<Vec<String>> {
    d.tables
        .iter()
        .find(|t| {
            t.first()
                .is_some_and(|h| h.first().is_some_and(|c| c == "STT"))
        })
        .expect("indicator table")
}

/// (X, Y) of "đạt X/Y chỉ tiêu" counted from the Đánh giá column.
fn counted(table: &[Vec<String>]) -> (usize, usize) {
    let evals: Vec<&str> = table[1..].iter().map(|r| r[5].as_str()).collect();
    let x = evals
        .iter()
        .filter(|e| matches!(**e, "Đạt" | "Vượt"))
        .count();
    let y = x + evals.iter().filter(|e| **e == "Không đạt").count();
    (x, y)
}

fn templates() -> Templates {
    Templates::load(None).unwrap().value
}

#[test]
fn unit_report_document_text() {
    let plan = plan();
    let r = load_unit_report(&fixture("bao-cao/tram-y-te.yaml"), &plan)
        .unwrap()
        .value;
    let doc = vanban::unit_report_document(&plan, &r, &templates()).unwrap();
    let bytes = vanban::write_docx(&doc).unwrap();
    let t = doc_text(&bytes);
    let all = t.paragraphs.join("\n");
    assert!(all.contains("BÁO CÁO"));
    assert!(
        all.contains("Kính gửi: Ủy ban nhân dân phường Nguyễn Trãi."),
        "{all}"
    );
    assert!(
        all.contains(&format!(
            "Thực hiện Kế hoạch số {b}/KH-UBND ngày{b}tháng{b}năm 2025 của Ủy ban nhân dân phường Nguyễn Trãi về triển khai",
            b = "\u{a0}".repeat(6)
        )),
        "{all}"
    );
    assert!(all.contains("b) Mục tiêu 4: Trong lĩnh vực y tế:"), "{all}");
    assert!(
        all.contains("Tổng cộng: 2 hoạt động, 8 buổi, 730 lượt người tham dự, 2 tin, bài."),
        "{all}"
    );
    assert!(
        all.ends_with("Trạm Y tế phường./.") || all.contains("Trạm Y tế phường./."),
        "{all}"
    );
    let table = indicator_table(&t);
    assert_eq!(
        table[0],
        [
            "STT",
            "Chỉ tiêu",
            "Đơn vị tính",
            "Kế hoạch",
            "Kết quả",
            "Đánh giá",
            "Ghi chú"
        ]
    );
    assert_eq!(
        table[2][..6],
        [
            "2",
            "Tỷ số giới tính khi sinh",
            "bé trai/100 bé gái",
            "100",
            "104",
            "Không đạt"
        ]
    );
    assert!(table[2][6].contains("Số liệu: 52/50"));
    let (x, y) = counted(table);
    assert!(
        all.contains(&format!("đạt {x}/{y} chỉ tiêu")),
        "headline should say {x}/{y}: {all}"
    );
    assert_eq!((x, y), (3, 4));
    // Nơi nhận starts with Như trên when there is a Kính gửi.
    let closing = t.tables.last().unwrap();
    assert!(
        closing[0][0].starts_with("Nơi nhận:\n- Như trên;\n"),
        "{:?}",
        closing[0][0]
    );
}

#[test]
fn consolidated_document_text() {
    let plan = plan();
    let env = envelope();
    let reports = samples(&plan);
    let c: Consolidated = consolidate(&plan, &env, &reports, &[]);
    let doc = vanban::consolidated_document(&plan, &env, &c, &templates()).unwrap();
    assert_eq!(doc.appendices.len(), 2);
    assert!(doc.appendices.iter().all(|a| a.landscape));
    let bytes = vanban::write_docx(&doc).unwrap();
    let t = doc_text(&bytes);
    let all = t.paragraphs.join("\n");
    let table = indicator_table(&t);
    assert_eq!(table.len(), 1 + plan.indicators.len());
    assert_eq!(table[0][6], "Đơn vị báo cáo / Ghi chú");
    let (x, y) = counted(table);
    assert!(
        all.contains(&format!("đạt {x}/{y} chỉ tiêu có số liệu để đánh giá")),
        "{x}/{y}: {all}"
    );
    assert_eq!((x, y), (c.summary.achieved(), c.summary.evaluated()));
    // Provenance, totals and the Vietnamese number format.
    let row = |id: &str| {
        let name = &plan.indicator(id).unwrap().name;
        table.iter().find(|r| &r[1] == name).unwrap()
    };
    let r = row("MT1.CT2");
    assert_eq!(r[4], "41,7");
    assert_eq!(r[5], "Vượt");
    assert!(
        r[6].contains("Toàn phường: 10/24") && r[6].contains("Trạm Y tế phường: 2/4"),
        "{:?}",
        r[6]
    );
    assert_eq!(row("MT3.CT3")[5], "Không phát sinh");
    assert_eq!(row("MT2.CT3")[5], "Chưa có số liệu");
    // Statuses by name; appendix heading per NĐ 30 Phụ lục I, III.1.
    assert!(
        all.contains("Đơn vị gửi báo cáo sau hạn: Đoàn Thanh niên phường (ngày 08/12/2025)."),
        "{all}"
    );
    assert!(
        all.contains(
            "Phụ lục I\nKẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU BÌNH ĐẲNG GIỚI NĂM 2025\n(Kèm theo Báo cáo số"
        ),
        "{all}"
    );
    assert!(
        all.contains("Phụ lục II\nKẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CỦA TỪNG ĐƠN VỊ\n(Kèm theo"),
        "{all}"
    );
    assert!(all.contains("của Ủy ban nhân dân phường Nguyễn Trãi)"));
    // Narrative attributed to units.
    assert!(
        all.contains("- Trạm Y tế phường: Duy trì khám thai định kỳ"),
        "{all}"
    );
    // Page numbers restart in the appendix section.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains("w:orient=\"landscape\""));
    assert!(xml.contains("<w:pgNumType w:start=\"1\""));
    assert!(xml.contains("<w:tblHeader"));
}

// --- The command line ------------------------------------------------------------------------

use crate::support::vanban;

/// The .docx files of `dir` (vanban also keeps its `.vanban-manifest` there).
fn docx_count(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "docx")
        })
        .count()
}

#[test]
fn build_writes_every_document_and_survives_a_bad_file() {
    let d = data_copy();
    let out = vanban(d.path(), &["-q", "build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let o = d.path().join("output");
    assert!(o.join("ke-hoach-2025.docx").is_file());
    assert!(o.join("bao-cao-tong-hop-2025.docx").is_file());
    assert_eq!(docx_count(&o.join("bao-cao")), 8);

    // Break one file: its report and the consolidated report fail, the others are written.
    std::fs::remove_dir_all(&o).unwrap();
    std::fs::write(d.path().join("data/bao-cao/cong-an.yaml"), "don_vi: [\n").unwrap();
    let out = vanban(d.path(), &["build"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("cong-an.yaml:"), "{err}");
    assert!(o.join("ke-hoach-2025.docx").is_file());
    assert_eq!(docx_count(&o.join("bao-cao")), 7);
    assert!(!o.join("bao-cao-tong-hop-2025.docx").exists());
    let names: Vec<String> = std::fs::read_dir(&o)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");

    // --allow-partial: the consolidated report is written and says the unit is not counted.
    let out = vanban(
        d.path(),
        &[
            "-q",
            "consolidate",
            "--plan",
            "data/ke-hoach-2025.yaml",
            "data/bao-cao",
            "--allow-partial",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let t = doc_text(&std::fs::read(o.join("bao-cao-tong-hop-2025.docx")).unwrap());
    assert!(t
        .paragraphs
        .join("\n")
        .contains("chưa được tổng hợp (tính là chưa báo cáo): Công an phường."));
}

#[test]
fn many_units_keep_every_item_in_a_compact_layout() {
    // 60 copies of the samples' units (over the itemised limit of 50): the narrative is joined per
    // section, nothing is dropped; a provenance cell of more than 10 units gives their number and
    // points to Phụ lục II.
    let plan = plan();
    let env = envelope();
    let mut reports = Vec::new();
    for (k, r) in samples(&plan).into_iter().cycle().take(60).enumerate() {
        let mut r = r.clone();
        r.unit.id = format!("{}-{k}", r.unit.id);
        r.unit.name = format!("{} số {k}", r.unit.name);
        reports.push(r);
    }
    let c = consolidate(&plan, &env, &reports, &[]);
    let doc = vanban::consolidated_document(&plan, &env, &c, &templates()).unwrap();
    let t = doc_text(&vanban::write_docx(&doc).unwrap());
    let all = t.paragraphs.join("\n");
    assert!(
        all.contains("- Kết quả, hoạt động của các đơn vị: Duy trì khám thai định kỳ"),
        "{all}"
    );
    // Copies of a unit wrote the same: their texts are given once, naming them together.
    assert_eq!(all.matches("Duy trì khám thai định kỳ").count(), 1, "{all}");
    for r in &reports {
        assert!(all.contains(&r.unit.name), "{} missing", r.unit.name);
    }
    let table = indicator_table(&t);
    let mt1 = table.iter().find(|r| r[0] == "2").unwrap();
    let n = reports
        .iter()
        .filter(|r| r.figure("MT1.CT2").is_some())
        .count();
    assert!(n > 10);
    assert!(
        mt1[6].contains(&format!(
            "{n} đơn vị báo cáo (kết quả của từng đơn vị tại Phụ lục II)"
        )),
        "{:?}",
        mt1[6]
    );
    let (x, y) = counted(table);
    assert!(all.contains(&format!("đạt {x}/{y} chỉ tiêu")));
    // Phụ lục II: a table of more than 50 units numbers its indicators in the header and names
    // them in a line under the heading (issue 12).
    assert!(
        all.contains(
            "Chỉ tiêu 1: Quy hoạch cán bộ, ưu tiên cán bộ nữ, trẻ; Chỉ tiêu 2: Tỷ lệ nữ tham gia lãnh đạo, quản lý"
        ),
        "{all}"
    );
}

/// Golden documents (issue #3): one unit report and the consolidated report, compared on
/// normalised `word/document.xml` (regenerate with `UPDATE_GOLDEN=1 cargo test`).
#[test]
fn unit_and_consolidated_reports_match_golden() {
    use crate::support::{golden, normalise_xml, part};
    let plan = plan();
    let r = load_unit_report(&fixture("bao-cao/tram-y-te.yaml"), &plan)
        .unwrap()
        .value;
    let doc = vanban::unit_report_document(&plan, &r, &templates()).unwrap();
    let unit = vanban::write_docx(&doc).unwrap();
    golden(
        "bao-cao-tram-y-te/document.xml",
        &normalise_xml(&part(&unit, "word/document.xml")),
    );
    let env = envelope();
    let reports = samples(&plan);
    let c: Consolidated = consolidate(&plan, &env, &reports, &[]);
    let doc = vanban::consolidated_document(&plan, &env, &c, &templates()).unwrap();
    let all = vanban::write_docx(&doc).unwrap();
    golden(
        "bao-cao-tong-hop-2025/document.xml",
        &normalise_xml(&part(&all, "word/document.xml")),
    );
}

/// User trial: a typo in `don_vi.ma` (`tram-yte` in `tram-y-te.yaml`) used to make the
/// consolidated report call the health station both missing and unexpected; it is now an error.
#[test]
fn mistyped_unit_id_is_rejected_before_consolidation() {
    let d = data_copy();
    let file = d.path().join("data/bao-cao/tram-y-te.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen("ma: \"tram-y-te\"", "ma: \"tram-yte\"", 1),
    )
    .unwrap();
    let plan = plan();
    let mut c = collect(&d.path().join("data/bao-cao"), &plan).unwrap();
    assert!(
        c.rejected.is_empty(),
        "alone, the file is a valid unit report"
    );
    let env = envelope();
    let added = c.reject_mistyped_ids(&env.expected);
    assert_eq!(added.errors().count(), 1);
    let e = added.errors().next().unwrap();
    assert!(e.message.contains("`tram-yte`"), "{e}");
    assert_eq!(e.field.as_deref(), Some("don_vi.ma"));
    assert!(e.hint.as_deref().unwrap().contains("ma: tram-y-te"));
    assert_eq!(c.rejected_ids(), vec!["tram-y-te".to_string()]);
    // Through the binary: exit 1, no consolidated report.
    let out = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .current_dir(d.path())
        .args(["-q", "build"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!d.path().join("output/bao-cao-tong-hop-2025.docx").exists());
}

/// H24 (see ../shared/cases): every id is unique in every part of the package — paragraph ids,
/// bookmarks, notes, drawings — for the plan, a unit report and the consolidated report.
#[test]
fn h24_ids_are_unique_in_every_part() {
    let plan = plan();
    let env = envelope();
    let reports = samples(&plan);
    let c: Consolidated = consolidate(&plan, &env, &reports, &[]);
    let all =
        vanban::write_docx(&vanban::consolidated_document(&plan, &env, &c, &templates()).unwrap())
            .unwrap();
    let unit = vanban::render_unit_report(&plan, &reports[0], &templates()).unwrap();
    let kh = vanban::render_plan(&plan, &templates()).unwrap();
    for (name, docx) in [("tong-hop", &all), ("bao-cao", &unit), ("ke-hoach", &kh)] {
        let mut seen = std::collections::BTreeSet::new();
        for (part, data) in crate::support::parts(docx) {
            let xml = String::from_utf8_lossy(&data).to_string();
            for attr in ["w14:paraId=\"", "w:id=\"", " id=\""] {
                for chunk in xml.split(attr).skip(1) {
                    let id = chunk.split('"').next().unwrap_or_default();
                    // A footnote reference repeats its note's id by design; count definitions.
                    let before = &xml[..xml.find(&format!("{attr}{id}\"")).unwrap_or(0)];
                    let element = before.rsplit('<').next().unwrap_or_default();
                    if element.starts_with("w:footnoteReference") {
                        continue;
                    }
                    assert!(
                        seen.insert((
                            part.clone(),
                            attr,
                            id.to_string(),
                            element.split(' ').next().unwrap_or_default().to_string()
                        )),
                        "{name}: {part}: duplicate {attr}{id}"
                    );
                }
            }
        }
    }
}

/// User trial: with --allow-partial an empty file or a plan left in the report folder was named
/// as a unit ("empty", "ke-hoach-2025") in the consolidated report.
#[test]
fn files_that_are_not_unit_reports_are_never_named_as_units() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("bao-cao");
    std::fs::create_dir(&dir).unwrap();
    for e in std::fs::read_dir(crate::support::fixture("bao-cao")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(dir.join("empty.yaml"), "\n").unwrap();
    std::fs::copy(
        crate::support::fixture("ke-hoach-2025.yaml"),
        dir.join("ke-hoach-2025.yaml"),
    )
    .unwrap();
    let plan = plan();
    let c = collect(&dir, &plan).unwrap();
    assert_eq!(c.rejected.len(), 2, "{}", c.errors());
    let cons = consolidate(&plan, &envelope(), &c.reports, &c.rejected_ids());
    let named: Vec<&str> = cons.units.iter().map(|u| u.unit.id.as_str()).collect();
    assert!(
        !named.contains(&"empty") && !named.contains(&"ke-hoach-2025"),
        "{named:?}"
    );
}
