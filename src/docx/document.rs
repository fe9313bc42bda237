//! `word/document.xml` and `word/footnotes.xml` from the laid-out pages.
//!
//! Each property group has one function that writes its children in ECMA-376 schema order
//! (Part 1, §17.3.1.26 `pPr`, §17.3.2.28 `rPr`, §17.4.60 `tblPr`, §17.4.82 `trPr`, §17.4.70
//! `tcPr`, §17.6.17 `sectPr`), so the order is right by construction.

use super::package::{FIRST_FOOTER_RID_BASE, HEADER_EMPTY_RID, HEADER_PAGE_RID};
use super::xml::{Elem, Xml};
use crate::model::page::{
    Cell, Flow, Justify, LineSpacing, PageSetup, Pages, Para, ParaFormat, Row, RunFormat, Section,
    Span, Table,
};

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Read-only context of the writer: the font written on every run; the notes cited again (a
/// bookmark around the first reference, for the NOTEREF fields of the later ones).
struct Ctx<'a> {
    font: &'a str,
    again: &'a [u32],
}

impl<'a> Ctx<'a> {
    fn new(font: &'a str) -> Self {
        Ctx { font, again: &[] }
    }
}

/// The main document part.
pub(crate) fn document(pages: &Pages) -> String {
    let again = pages.notes_cited_again();
    let mut ctx = Ctx::new(&pages.defaults.font);
    ctx.again = &again;
    let mut xml = Xml::new(estimate(pages));
    {
        let mut doc = xml.elem("w:document");
        doc.attr("xmlns:w", W_NS).attr("xmlns:r", R_NS);
        let mut body = doc.elem("w:body");
        let last = pages.sections.len().saturating_sub(1);
        let footers = first_footer_rids(pages);
        for (i, s) in pages.sections.iter().enumerate() {
            for b in &s.blocks {
                flow(&ctx, &mut body, b);
            }
            let footer = footers[i].as_deref();
            if i < last {
                // A section other than the last ends with a paragraph that carries its sectPr.
                let mut p = body.elem("w:p");
                let mut ppr = p.elem("w:pPr");
                section_properties(&mut ppr, s, footer);
            } else {
                section_properties(&mut body, s, footer);
            }
        }
    }
    xml.finish()
}

/// The relationship id of each section's first-page footer: the footers are numbered in
/// section order after the fixed parts ([`FIRST_FOOTER_RID_BASE`]). When any section has one,
/// every other section points to an empty footer numbered last, since Word would otherwise
/// carry the previous section's footer over; when none has one, `None` everywhere.
pub(crate) fn first_footer_rids(pages: &Pages) -> Vec<Option<String>> {
    let count = pages
        .sections
        .iter()
        .filter(|s| !s.first_footer.is_empty())
        .count();
    if count == 0 {
        return vec![None; pages.sections.len()];
    }
    let mut k = 0;
    pages
        .sections
        .iter()
        .map(|s| {
            let n = if s.first_footer.is_empty() {
                count
            } else {
                k += 1;
                k - 1
            };
            Some(format!("rId{}", FIRST_FOOTER_RID_BASE + n))
        })
        .collect()
}

/// A footer part (`w:ftr`) holding `paras`.
pub(crate) fn footer(pages: &Pages, paras: &[Para]) -> String {
    let ctx = Ctx::new(&pages.defaults.font);
    let mut xml = Xml::new(1024);
    {
        let mut ftr = xml.elem("w:ftr");
        ftr.attr("xmlns:w", W_NS).attr("xmlns:r", R_NS);
        for p in paras {
            para(&ctx, &mut ftr, p);
        }
    }
    xml.finish()
}

/// The footnotes part: `asset` (the part with only the two separators, ids -1 and 0) with
/// each note appended, its number mark first.
pub(crate) fn footnotes(pages: &Pages, asset: &str) -> String {
    let ctx = Ctx::new(&pages.defaults.font);
    let (head, _) = asset.rsplit_once("</w:footnotes>").unwrap_or((asset, ""));
    let mut xml = Xml::fragment(head.len() + 600 * pages.notes.len() + 16);
    xml.raw(head);
    for (i, paras) in pages.notes.iter().enumerate() {
        let mut note = xml.elem("w:footnote");
        note.attr("w:id", i + 1);
        if paras.is_empty() {
            let empty = Para {
                format: ParaFormat {
                    footnote: true,
                    ..ParaFormat::default()
                },
                spans: vec![Span::NoteMark],
            };
            para(&ctx, &mut note, &empty);
        }
        for p in paras {
            para(&ctx, &mut note, p);
        }
    }
    xml.raw("</w:footnotes>");
    xml.finish()
}

/// A rough size of the part, to allocate once.
fn estimate(pages: &Pages) -> usize {
    4096 + pages.sections.iter().map(|s| s.blocks.len()).sum::<usize>() * 700
}

fn flow(ctx: &Ctx<'_>, parent: &mut Elem<'_>, b: &Flow) {
    match b {
        Flow::Para(p) => para(ctx, parent, p),
        Flow::Table(t) => table(ctx, parent, t),
    }
}

fn para(ctx: &Ctx<'_>, parent: &mut Elem<'_>, p: &Para) {
    let mut e = parent.elem("w:p");
    paragraph_properties(&mut e, &p.format);
    for s in &p.spans {
        span(ctx, &mut e, s);
    }
}

/// `w:pPr` in schema order: pStyle, keepNext, keepLines, pBdr, tabs, spacing, ind, jc.
fn paragraph_properties(parent: &mut Elem<'_>, f: &ParaFormat) {
    let mut ppr = parent.elem("w:pPr");
    if f.footnote {
        ppr.val("w:pStyle", "FootnoteText");
    }
    if f.keep_next {
        ppr.empty("w:keepNext");
    }
    if f.keep_lines {
        ppr.empty("w:keepLines");
    }
    if let Some(rule) = f.bottom_rule {
        let mut bdr = ppr.elem("w:pBdr");
        bdr.elem("w:bottom")
            .attr("w:val", "single")
            .attr("w:sz", rule.eighths)
            .attr("w:space", 1)
            .attr("w:color", "000000");
    }
    if !f.tabs.is_empty() {
        let mut tabs = ppr.elem("w:tabs");
        for t in &f.tabs {
            tabs.elem("w:tab").attr("w:val", "left").attr("w:pos", t.0);
        }
    }
    if !f.footnote {
        let mut sp = ppr.elem("w:spacing");
        // ST_TwipsMeasure: never negative.
        sp.attr("w:before", f.space_before.0.max(0))
            .attr("w:after", f.space_after.0.max(0));
        match f.line {
            LineSpacing::Auto(l) => sp.attr("w:line", l).attr("w:lineRule", "auto"),
            LineSpacing::Exact(t) => sp.attr("w:line", t.0.max(1)).attr("w:lineRule", "exact"),
        };
    }
    if f.indent_left.0 != 0 || f.indent_right.0 != 0 || f.indent_first.0 != 0 {
        let mut ind = ppr.elem("w:ind");
        if f.indent_left.0 != 0 {
            ind.attr("w:left", f.indent_left.0);
        }
        if f.indent_right.0 != 0 {
            ind.attr("w:right", f.indent_right.0);
        }
        if f.indent_first.0 > 0 {
            ind.attr("w:firstLine", f.indent_first.0);
        } else if f.indent_first.0 < 0 {
            ind.attr("w:hanging", -f.indent_first.0);
        }
    }
    if !f.footnote {
        ppr.val(
            "w:jc",
            match f.align {
                Justify::Left => "left",
                Justify::Center => "center",
                Justify::Right => "right",
                Justify::Both => "both",
            },
        );
    }
}

/// `w:rPr` in schema order: rStyle, rFonts, b, bCs, i, iCs, sz, szCs.
fn run_properties(ctx: &Ctx<'_>, parent: &mut Elem<'_>, style: Option<&str>, f: Option<RunFormat>) {
    let mut rpr = parent.elem("w:rPr");
    if let Some(s) = style {
        rpr.val("w:rStyle", s);
    }
    rpr.elem("w:rFonts")
        .attr("w:ascii", ctx.font)
        .attr("w:hAnsi", ctx.font)
        .attr("w:eastAsia", ctx.font)
        .attr("w:cs", ctx.font);
    let Some(f) = f else { return };
    if f.bold {
        rpr.empty("w:b");
        rpr.empty("w:bCs");
    }
    if f.italic {
        rpr.empty("w:i");
        rpr.empty("w:iCs");
    }
    let hp = f.size.half_points();
    rpr.val("w:sz", hp);
    rpr.val("w:szCs", hp);
}

/// A span. A note cited again is Word's cross-reference: a bookmark around its first
/// reference, at each later citation a `NOTEREF _RefNote<n> \f \h` field in the note reference
/// style, so the number follows when notes are added before it in Word.
fn span(ctx: &Ctx<'_>, parent: &mut Elem<'_>, s: &Span) {
    match s {
        Span::NoteRef(n) if ctx.again.contains(n) => {
            parent.raw(&format!(
                r#"<w:bookmarkStart w:id="{n}" w:name="_RefNote{n}"/>"#
            ));
            run(ctx, parent, s);
            parent.raw(&format!(r#"<w:bookmarkEnd w:id="{n}"/>"#));
        }
        Span::NoteNumber(n, f) => {
            let size = f.size.half_points().to_string();
            let values = [("N", &*n.to_string()), ("FONT", ctx.font), ("SIZE", &size)];
            parent.raw(&super::package::fill(super::package::NOTEREF, &values));
        }
        _ => run(ctx, parent, s),
    }
}

fn run(ctx: &Ctx<'_>, parent: &mut Elem<'_>, s: &Span) {
    let mut r = parent.elem("w:r");
    match s {
        Span::Text(text, f) => {
            run_properties(ctx, &mut r, None, Some(*f));
            let mut t = r.elem("w:t");
            t.attr("xml:space", "preserve");
            // A line end or tab inside a value reads as a space (breaks are their own spans).
            if text.contains(['\n', '\r', '\t']) {
                t.text(&text.replace(['\n', '\r', '\t'], " "));
            } else {
                t.text(text);
            }
        }
        Span::Break(f) => {
            run_properties(ctx, &mut r, None, Some(*f));
            r.empty("w:br");
        }
        Span::Tab(f) => {
            run_properties(ctx, &mut r, None, Some(*f));
            r.empty("w:tab");
        }
        Span::NoteRef(n) => {
            run_properties(ctx, &mut r, Some("FootnoteReference"), None);
            r.elem("w:footnoteReference").attr("w:id", n);
        }
        Span::NoteMark => {
            run_properties(ctx, &mut r, Some("FootnoteReference"), None);
            r.empty("w:footnoteRef");
        }
        Span::NoteNumber(..) => {}
    }
}

fn table(ctx: &Ctx<'_>, parent: &mut Elem<'_>, t: &Table) {
    let mut tbl = parent.elem("w:tbl");
    table_properties(&mut tbl, t);
    {
        let mut grid = tbl.elem("w:tblGrid");
        for w in &t.columns {
            grid.elem("w:gridCol").attr("w:w", w.0.max(0));
        }
    }
    for r in &t.rows {
        row(ctx, &mut tbl, t, r);
    }
}

/// `w:tblPr` in schema order: tblW, jc, tblInd, tblBorders, tblLayout, tblLook.
fn table_properties(parent: &mut Elem<'_>, t: &Table) {
    let mut pr = parent.elem("w:tblPr");
    let total: i32 = t.columns.iter().map(|c| c.0.max(0)).sum();
    pr.elem("w:tblW").attr("w:w", total).attr("w:type", "dxa");
    pr.val("w:jc", "left");
    if t.indent.0 != 0 {
        pr.elem("w:tblInd")
            .attr("w:w", t.indent.0)
            .attr("w:type", "dxa");
    }
    {
        let mut b = pr.elem("w:tblBorders");
        let (val, sz) = if t.borders { ("single", 4) } else { ("nil", 0) };
        for side in "w:top w:left w:bottom w:right w:insideH w:insideV".split(' ') {
            let mut e = b.elem(side);
            e.attr("w:val", val);
            if t.borders {
                e.attr("w:sz", sz)
                    .attr("w:space", 0)
                    .attr("w:color", "000000");
            }
        }
    }
    pr.elem("w:tblLayout").attr("w:type", "fixed");
    pr.elem("w:tblLook")
        .attr("w:val", "0000")
        .attr("w:firstRow", 0)
        .attr("w:lastRow", 0)
        .attr("w:firstColumn", 0)
        .attr("w:lastColumn", 0)
        .attr("w:noHBand", 1)
        .attr("w:noVBand", 1);
}

fn row(ctx: &Ctx<'_>, parent: &mut Elem<'_>, t: &Table, r: &Row) {
    let mut tr = parent.elem("w:tr");
    if r.cant_split || r.header {
        let mut pr = tr.elem("w:trPr");
        if r.cant_split {
            pr.empty("w:cantSplit");
        }
        if r.header {
            pr.empty("w:tblHeader");
        }
    }
    // One cell per grid column (a row needs at least one): missing cells are written empty.
    let empty = Cell {
        v_center: false,
        paras: Vec::new(),
    };
    for (i, w) in t.columns.iter().enumerate() {
        cell(ctx, &mut tr, r.cells.get(i).unwrap_or(&empty), w.0.max(0));
    }
}

/// A cell: `w:tcPr` (tcW, vAlign), then its paragraphs (at least one, as the schema requires).
fn cell(ctx: &Ctx<'_>, parent: &mut Elem<'_>, c: &Cell, width: i32) {
    let mut tc = parent.elem("w:tc");
    {
        let mut pr = tc.elem("w:tcPr");
        pr.elem("w:tcW").attr("w:w", width).attr("w:type", "dxa");
        pr.val("w:vAlign", if c.v_center { "center" } else { "top" });
    }
    if c.paras.is_empty() {
        tc.empty("w:p");
    }
    for p in &c.paras {
        para(ctx, &mut tc, p);
    }
}

/// `w:sectPr` in schema order: headerReference, footerReference (first page, when the section
/// has one), pgSz, pgMar, pgNumType, cols, titlePg.
fn section_properties(parent: &mut Elem<'_>, s: &Section, first_footer: Option<&str>) {
    let p: &PageSetup = &s.page;
    let mut pr = parent.elem("w:sectPr");
    let (default, first) = if p.page_numbers {
        (HEADER_PAGE_RID, HEADER_EMPTY_RID)
    } else {
        (HEADER_EMPTY_RID, HEADER_EMPTY_RID)
    };
    pr.elem("w:headerReference")
        .attr("w:type", "default")
        .attr("r:id", default);
    pr.elem("w:headerReference")
        .attr("w:type", "first")
        .attr("r:id", first);
    if let Some(rid) = first_footer {
        pr.elem("w:footerReference")
            .attr("w:type", "first")
            .attr("r:id", rid);
    }
    {
        let mut sz = pr.elem("w:pgSz");
        sz.attr("w:w", p.width.0).attr("w:h", p.height.0);
        if p.landscape {
            sz.attr("w:orient", "landscape");
        }
    }
    pr.elem("w:pgMar")
        .attr("w:top", p.top.0)
        .attr("w:right", p.right.0.max(0))
        .attr("w:bottom", p.bottom.0)
        .attr("w:left", p.left.0.max(0))
        .attr("w:header", p.header.0.max(0))
        .attr("w:footer", p.footer.0.max(0))
        .attr("w:gutter", 0);
    if p.restart_numbering {
        pr.elem("w:pgNumType").attr("w:start", 1);
    }
    pr.elem("w:cols").attr("w:space", 720);
    pr.empty("w:titlePg");
}
