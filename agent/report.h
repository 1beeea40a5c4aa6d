/*
 * The readable HTML report: an ARF 1.1 document or an XCCDF results
 * document rendered by kensa's own stylesheet (data/xsl/report.xsl) with
 * libxslt, and the `kensa report` command. Evaluation and the results
 * documents themselves are xccdf/'s job; this only renders them.
 */
#ifndef KS_AGENT_REPORT_H
#define KS_AGENT_REPORT_H

/*
 * Renders `in_path` (arf:asset-report-collection, or an XCCDF 1.1/1.2
 * Benchmark holding a TestResult, or an XCCDF 1.2 TestResult) to HTML in
 * `out_path` (written to a temporary file and renamed; NULL or "-": standard
 * output). `lang` is "ja" or "en" (anything starting with "ja" is Japanese);
 * NULL takes it from the locale (LC_ALL, LC_MESSAGES, LANG).
 * `findings_path` (NULL: none) is a kensa findings document
 * (urn:kensa:findings:1, data/schemas/kensa-findings-1.xsd) shown as the
 * page's findings section; it is passed to the stylesheet as its
 * `findings` parameter. The inputs are loaded with the safe loader; the
 * stylesheet is agent_datadir()/xsl/report.xsl and may read only files of
 * its own directory and the findings file (no file writes, no network).
 * Returns 0, or KS_* with a one-line message naming the file: KS_ENOTFOUND
 * for a missing input, findings file or stylesheet, KS_EPARSE for
 * malformed XML, KS_EUNSUPPORTED for another document, one without a
 * TestResult or a findings file of another format, KS_ERROR for a
 * stylesheet or output failure. On failure `out_path` is left as it was.
 */
int agent_report_html(const char *in_path, const char *out_path,
    const char *lang, const char *findings_path);
/*
 * The same from a document in memory (xccdf_arf_doc's, for `xccdf eval
 * --report`: no ARF written and parsed again); `name` names it in
 * messages. doc is the caller's and may be changed (an XCCDF 1.1 benchmark
 * is renamed to 1.2 in place).
 */
struct _xmlDoc;
int agent_report_html_doc(struct _xmlDoc *doc, const char *name,
    const char *out_path, const char *lang, const char *findings_path);
/*
 * Starts compiling the stylesheet on a thread of its own (with two cores)
 * while the caller reads and evaluates its input; the next report takes
 * it. agent_report_preload_end joins and frees what no report took. For
 * the main thread; both may be called whatever happens in between.
 */
void agent_report_preload(void);
void agent_report_preload_end(void);

/*
 * `kensa scan`'s report (scan_baseline.c): renders OUTDIR/report.html from
 * OUTDIR/arf.xml, which agent_scan_baseline wrote, with `findings_path`
 * (NULL: none) once the scan has written it, and prints the files written.
 * `lang` as for agent_report_html. Returns 0 or KS_* as agent_report_html.
 */
int agent_scan_report(const char *outdir, const char *findings_path,
    const char *lang);

/*
 * `kensa report [--lang ja|en] [--output FILE] [--findings FILE]
 * RESULTS.xml`. argv[0] is
 * the command name. Returns the exit status: 0 when the report was
 * written, 1 on a usage error or failure (one line on stderr).
 */
int agent_cmd_report(int argc, char **argv);

#endif /* KS_AGENT_REPORT_H */
