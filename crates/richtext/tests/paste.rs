//! `clean_paste` on realistic clipboard HTML from office suites (fixtures written for these
//! tests, modelled on what Word 2016+, Google Docs and LibreOffice Writer put on the
//! clipboard).

use sinergi_richtext::{clean_paste, plain_text, sanitize};

const WORD: &str = include_str!("fixtures/word.html");
const GDOCS: &str = include_str!("fixtures/gdocs.html");
const LIBREOFFICE: &str = include_str!("fixtures/libreoffice.html");

const REL: &str = r#"rel="noopener noreferrer nofollow""#;

#[test]
fn word_document() {
    let out = clean_paste(WORD);
    let expected = format!(
        "<h2>Siaran Pers: Penyaluran Bantuan Banjir</h2>\
         <p><strong>SEMARANG</strong> – Pemerintah Provinsi Jawa Tengah menyalurkan bantuan kepada \
         warga terdampak banjir di <em>tiga kabupaten</em>. Bantuan diserahkan langsung oleh Gubernur.</p>\
         <ul><li>Beras 10 ton</li><li>Selimut <strong>500</strong> lembar<ul><li>untuk balita</li></ul></li></ul>\
         <p>Tahapan penyaluran:</p>\
         <ol><li>Pendataan warga</li><li>Distribusi ke posko</li></ol>\
         <h2>Informasi lebih lanjut</h2>\
         <p>Hubungi <a href=\"https://jatengprov.go.id/kontak\" {REL}>laman kontak</a> atau surel \
         <a href=\"mailto:humas@jatengprov.go.id\" {REL}>humas@jatengprov.go.id</a>.</p>"
    );
    assert_eq!(out, expected);
}

#[test]
fn word_leftovers_are_gone() {
    let out = clean_paste(WORD);
    for junk in [
        "o:p",
        "mso-",
        "Mso",
        "<xml",
        "<meta",
        "<style",
        "<span",
        "supportLists",
        "&nbsp;&nbsp;",
        "·",
        "file:",
        "<!--",
        "_Toc",
        "class=",
        "style=",
        "lang=",
    ] {
        assert!(!out.contains(junk), "{junk} left in {out}");
    }
}

#[test]
fn google_docs_document() {
    let out = clean_paste(GDOCS);
    let expected = format!(
        "<h2>Vaksinasi Massal di Alun-alun</h2>\
         <p><strong>Dinas Kesehatan</strong> menggelar vaksinasi <em>booster</em> pada hari Sabtu.</p>\
         <p>Syarat peserta:</p>\
         <ul><li>Membawa KTP</li><li>Usia minimal <strong>18 tahun</strong></li></ul>\
         <p>Pendaftaran melalui <a href=\"https://dinkes.example.go.id/daftar\" {REL}>situs Dinkes</a>. \
         Kuota 1.000 dosis, H<sup>+1</sup></p>"
    );
    assert_eq!(out, expected);
}

#[test]
fn google_docs_wrapper_is_not_bold() {
    let out = clean_paste(
        r#"<b style="font-weight:normal;" id="docs-internal-guid-abc"><p dir="ltr"><span style="font-weight:400">biasa</span></p></b>"#,
    );
    assert_eq!(out, "<p>biasa</p>");
}

#[test]
fn libreoffice_document() {
    let out = clean_paste(LIBREOFFICE);
    assert_eq!(
        out,
        "<h2>Jadwal Pelayanan</h2>\
         <p><strong>Kantor</strong> buka pukul <em>08.00</em> WIB.</p>\
         <ol><li>Senin–Kamis</li><li>Jumat <s>pagi</s></li></ol>\
         <table><tbody><tr><td><p>Loket</p></td><td><p>1</p></td></tr></tbody></table>"
    );
}

#[test]
fn pasted_output_is_sanitized_and_stable() {
    for doc in [WORD, GDOCS, LIBREOFFICE] {
        let out = clean_paste(doc);
        assert_eq!(sanitize(&out), out);
        assert_eq!(
            clean_paste(&out),
            out,
            "clean_paste is idempotent on its output"
        );
    }
}

#[test]
fn plain_text_of_pasted_word() {
    assert_eq!(
        plain_text(&clean_paste(WORD)),
        "Siaran Pers: Penyaluran Bantuan Banjir\n\n\
         SEMARANG – Pemerintah Provinsi Jawa Tengah menyalurkan bantuan kepada warga terdampak \
         banjir di tiga kabupaten. Bantuan diserahkan langsung oleh Gubernur.\n\n\
         - Beras 10 ton\n- Selimut 500 lembar\n  - untuk balita\n\n\
         Tahapan penyaluran:\n\n\
         1. Pendataan warga\n2. Distribusi ke posko\n\n\
         Informasi lebih lanjut\n\n\
         Hubungi laman kontak atau surel humas@jatengprov.go.id."
    );
}

#[test]
fn simple_pastes() {
    // Plain HTML from a web page keeps its structure.
    assert_eq!(
        clean_paste("<div><h3>Sub</h3><p>Teks <b>tebal</b></p></div><br><p>&nbsp;</p>"),
        "<h3>Sub</h3><p>Teks <strong>tebal</strong></p>"
    );
    // A lone no-break space is kept, runs collapse.
    assert_eq!(
        clean_paste("<p>Rp&nbsp;5 &nbsp;&nbsp; ribu</p>"),
        "<p>Rp&nbsp;5 ribu</p>"
    );
    assert_eq!(clean_paste(""), "");
    assert_eq!(clean_paste("teks biasa"), "teks biasa");
}
