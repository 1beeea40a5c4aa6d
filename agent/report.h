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
 * NULL takes it from the locale (LC_ALL, LC_MESSAGES, LANG). The input is
 * loaded with the safe loader; the stylesheet is agent_datadir()/xsl/
 * report.xsl and may read only files of its own directory (no file writes,
 * no network). Returns 0, or KS_* with a one-line message naming the file:
 * KS_EPARSE for malformed XML, KS_EUNSUPPORTED for another document or one
 * without a TestResult, KS_ENOTFOUND for a missing stylesheet, KS_ERROR for
 * a stylesheet or output failure.
 */
int agent_report_html(const char *in_path, const char *out_path,
    const char *lang);

/*
 * `kensa report [--lang ja|en] [--output FILE] RESULTS.xml`. argv[0] is
 * the command name. Returns the exit status: 0 when the report was
 * written, 1 on a usage error or failure (one line on stderr).
 */
int agent_cmd_report(int argc, char **argv);

#endif /* KS_AGENT_REPORT_H */
