<?xml version="1.0" encoding="UTF-8"?>
<!--
  kensa's readable HTML report (XSLT 1.0, run by libxslt from agent/report.c).
  Input: an ARF 1.1 asset-report-collection (XCCDF 1.2 TestResult, OVAL
  results, the source data stream in the report request) or an XCCDF 1.2
  results document (Benchmark holding a TestResult). XCCDF 1.1 documents
  are given to it with their namespace renamed to 1.2 by agent/report.c
  (the elements shown have the same names and shapes in both versions),
  which halves the number of key walks over the document. Output: one
  self-contained HTML page (inline CSS and JavaScript, no external resource).
  It is not a validator: whatever is missing from the input is left out.
  agent/report.c removes from the input what this stylesheet never reads
  (report_prune_doc: components other than benchmarks and OVAL definitions,
  OVAL objects/states/variables of the source, rules without a result in
  the TestResult shown, all but title and ident of rules not selected, all
  but title, Group, Rule and Value in groups, profiles not evaluated, the
  source's OVAL definitions and tests neither the OVAL results nor a kept
  rule's check name): read anything more here and prune less there
  (tests/e2e/ssg-xccdf.sh checks).
  Lookups across the document go through xsl:key so a report of 1,000
  rules renders in a second or two; as libxslt builds each key with one
  walk of the whole document unless its pattern is an absolute path, there
  are few keys, most of them paths, and lookups among a few children
  (profiles, set-values, ARF reports) are plain paths. Our own texts are in report-strings.xml (ja, en).
  With the parameter `findings` (the URI of a kensa findings document,
  urn:kensa:findings:1, handed over by agent/report.c) the page also has a
  findings section, read with plain paths only (no key walks that
  document). Fix texts of a rule are shown in its details, and its fix
  scripts when it failed, each cut to $max-fix-lines lines: SSG's scripts
  for every rule of a RHEL 9 data stream are 6 MB.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:x="http://checklists.nist.gov/xccdf/1.2"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns:arf="http://scap.nist.gov/schema/asset-reporting-format/1.1"
    xmlns:ores="http://oval.mitre.org/XMLSchema/oval-results-5"
    xmlns:odef="http://oval.mitre.org/XMLSchema/oval-definitions-5"
    xmlns:osc="http://oval.mitre.org/XMLSchema/oval-system-characteristics-5"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:ds="http://scap.nist.gov/schema/scap/source/1.2"
    xmlns:s="urn:kensa:report-strings"
    xmlns:f="urn:kensa:findings:1"
    exclude-result-prefixes="x h arf ores odef osc dc ds s f">

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<!-- "ja" or "en" (anything else is English). -->
<xsl:param name="lang" select="'en'"/>
<!-- kensa's version, for the footer. -->
<xsl:param name="generator" select="''"/>
<!-- How many collected items of one OVAL test are shown. -->
<xsl:param name="max-items" select="20"/>
<!-- How deep extend_definition is followed inside the evidence. -->
<xsl:param name="max-depth" select="2"/>
<!-- The URI of a kensa findings document to show ('' for none). -->
<xsl:param name="findings" select="''"/>
<!-- How many lines of one fix script are shown. -->
<xsl:param name="max-fix-lines" select="60"/>
<!-- agent/report.c renders a page in two transforms on two cores: 'a' is
     the page with a comment in place of each rule-result it numbered
     (attribute kensa-part), 'b' those rows alone, each after its comment;
     '' (the default) is the whole page. -->
<xsl:param name="part" select="''"/>

<!-- A string, not a result tree fragment: it is compared per text. -->
<xsl:variable name="L" select="concat(substring('ja', 1, 2 * number($lang = 'ja')),
    substring('en', 1, 2 * number($lang != 'ja')))"/>
<xsl:variable name="strings" select="document('report-strings.xml')/s:strings"/>
<xsl:key name="str" match="/s:strings/s:s" use="@id"/>

<!-- Lookups. Keys of OVAL results carry the id of their ARF report: one
     ARF may hold several oval_results whose item ids overlap. (No
     generate-id() in keys: it costs a hash lookup per node in libxslt.)
     libxslt builds every key of a document on its first key() call, each
     with a search of the whole document for its pattern, unless the
     pattern is an absolute path: then only that path is followed (each
     alternative's "/" right after its "|": libxslt looks at the character
     after the bar, before blanks, to decide). So the
     keys are paths: everything they find has its one place in the schemas
     (an ARF report's content is the results document; a data stream in a
     report request holds its components; an OVAL results document holds
     its definitions and system). Rules and Values, in Groups of any depth,
     are found with id(): agent/report.c registers their ids as the
     document's IDs (report_register_ids), Rules first. -->
<xsl:key name="rr" match="/x:TestResult/x:rule-result
    |/x:Benchmark/x:TestResult/x:rule-result
    |/arf:asset-report-collection/arf:reports/arf:report/arf:content/x:TestResult/x:rule-result
    |/arf:asset-report-collection/arf:reports/arf:report/arf:content/x:Benchmark/x:TestResult/x:rule-result"
    use="@idref"/>
<xsl:key name="odefres" match="/arf:asset-report-collection/arf:reports/arf:report/arf:content
    /ores:oval_results/ores:results/ores:system/ores:definitions/ores:definition"
    use="concat(ancestor::arf:report[1]/@id, ' ', @definition_id)"/>
<xsl:key name="odefdef" match="/arf:asset-report-collection/arf:report-requests/arf:report-request
    /arf:content/ds:data-stream-collection/ds:component/odef:oval_definitions/odef:definitions/odef:definition
    |/arf:asset-report-collection/arf:reports/arf:report/arf:content
    /ores:oval_results/odef:oval_definitions/odef:definitions/odef:definition"
    use="concat(ancestor::arf:report[1]/@id, ' ', @id)"/>
<xsl:key name="otestres" match="/arf:asset-report-collection/arf:reports/arf:report/arf:content
    /ores:oval_results/ores:results/ores:system/ores:tests/ores:test"
    use="concat(ancestor::arf:report[1]/@id, ' ', @test_id)"/>
<xsl:key name="otestdef" match="/arf:asset-report-collection/arf:report-requests/arf:report-request
    /arf:content/ds:data-stream-collection/ds:component/odef:oval_definitions/odef:tests/*
    |/arf:asset-report-collection/arf:reports/arf:report/arf:content
    /ores:oval_results/odef:oval_definitions/odef:tests/*"
    use="concat(ancestor::arf:report[1]/@id, ' ', @id)"/>
<xsl:key name="oobj" match="/arf:asset-report-collection/arf:reports/arf:report/arf:content
    /ores:oval_results/ores:results/ores:system/osc:oval_system_characteristics
    /osc:collected_objects/osc:object"
    use="concat(ancestor::arf:report[1]/@id, ' ', @id)"/>
<xsl:key name="oitem" match="/arf:asset-report-collection/arf:reports/arf:report/arf:content
    /ores:oval_results/ores:results/ores:system/osc:oval_system_characteristics
    /osc:system_data/*"
    use="concat(ancestor::arf:report[1]/@id, ' ', @id)"/>

<!-- The TestResult shown: the last one (the newest when a benchmark
     file has collected several). Paths, not "//", for the reason above:
     a results document is a TestResult, or a Benchmark holding them, on
     its own or as an ARF report's content. -->
<xsl:variable name="tr" select="(/x:TestResult | /x:Benchmark/x:TestResult
    | /arf:asset-report-collection/arf:reports/arf:report/arf:content/x:TestResult
    | /arf:asset-report-collection/arf:reports/arf:report/arf:content/x:Benchmark/x:TestResult)[last()]"/>
<!-- Its benchmark: the parent, else the one it names, else the first.
     An ARF holds it in a report request: on its own, or as a component
     of a data stream. -->
<xsl:variable name="allbench" select="/x:Benchmark
    | /arf:asset-report-collection/arf:reports/arf:report/arf:content/x:Benchmark
    | /arf:asset-report-collection/arf:report-requests/arf:report-request/arf:content/x:Benchmark
    | /arf:asset-report-collection/arf:report-requests/arf:report-request/arf:content
      /ds:data-stream-collection/ds:component/x:Benchmark"/>
<xsl:variable name="bench-ref" select="$allbench[@id = $tr/x:benchmark/@id]"/>
<xsl:variable name="bench" select="($tr/parent::x:Benchmark
    | $bench-ref[not($tr/parent::x:Benchmark)]
    | $allbench[not($tr/parent::x:Benchmark | $bench-ref)][1])[1]"/>
<xsl:variable name="rrs" select="$tr/x:rule-result"/>
<!-- The profile evaluated, when the benchmark holds it (for <sub>). -->
<xsl:variable name="tprof" select="$bench/x:Profile[@id = string($tr/x:profile/@idref)][1]"/>
<xsl:variable name="results" select="$rrs/x:result"/>
<xsl:variable name="failed" select="$results[. = 'fail']/.."/>
<xsl:variable name="nshown" select="count($results[. != 'notselected'])"/>

<!-- ================================================================ -->
<!-- texts                                                            -->

<!-- Our own text `id` in the report's language; %N% becomes $n. -->
<xsl:template name="t">
  <xsl:param name="id"/>
  <xsl:param name="n" select="''"/>
  <xsl:for-each select="$strings">
    <xsl:variable name="s" select="string(key('str', $id)/s:*[local-name() = $L])"/>
    <xsl:choose>
      <xsl:when test="contains($s, '%N%')">
        <xsl:value-of select="concat(substring-before($s, '%N%'), $n,
            substring-after($s, '%N%'))"/>
      </xsl:when>
      <xsl:when test="$s = ''"><xsl:value-of select="$id"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:for-each>
</xsl:template>

<!-- One of several xml:lang variants of a benchmark text (XCCDF 1.2
     section 6.2.3: the variant matching the reader's language; then
     English, then the unmarked one, then the first), rendered. -->
<xsl:template name="text">
  <xsl:param name="nodes"/>
  <xsl:choose>
    <xsl:when test="$nodes[lang($L)]">
      <xsl:apply-templates select="$nodes[lang($L)][1]/node()" mode="html"/>
    </xsl:when>
    <xsl:when test="$nodes[lang('en')]">
      <xsl:apply-templates select="$nodes[lang('en')][1]/node()" mode="html"/>
    </xsl:when>
    <xsl:when test="$nodes[not(@xml:lang)]">
      <xsl:apply-templates select="$nodes[not(@xml:lang)][1]/node()" mode="html"/>
    </xsl:when>
    <xsl:otherwise>
      <xsl:apply-templates select="$nodes[1]/node()" mode="html"/>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- Long values (file contents) are cut so one item cannot bloat the page. -->
<xsl:template name="cut">
  <xsl:param name="s"/>
  <xsl:param name="max" select="300"/>
  <xsl:choose>
    <xsl:when test="string-length($s) &gt; $max">
      <xsl:value-of select="substring($s, 1, $max)"/>
      <xsl:text>&#8230;</xsl:text>
    </xsl:when>
    <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- XHTML inside descriptions: only plain formatting elements are kept
     (rebuilt without namespace or attributes); scripts, styles, images,
     frames and forms are dropped so the report loads nothing and runs no
     content-supplied code. -->
<xsl:template match="h:p|h:br|h:pre|h:code|h:tt|h:b|h:i|h:em|h:strong|h:ul
    |h:ol|h:li|h:table|h:thead|h:tbody|h:tr|h:td|h:th|h:dl|h:dt|h:dd
    |h:blockquote|h:sub|h:sup|h:span|h:div|h:hr|h:kbd|h:samp|h:var|h:u
    |h:small|h:abbr|h:cite|h:q" mode="html">
  <xsl:element name="{local-name()}">
    <xsl:apply-templates mode="html"/>
  </xsl:element>
</xsl:template>
<xsl:template match="h:h1|h:h2|h:h3|h:h4|h:h5|h:h6" mode="html">
  <h5><xsl:apply-templates mode="html"/></h5>
</xsl:template>
<xsl:template match="h:a" mode="html">
  <xsl:choose>
    <xsl:when test="starts-with(@href, 'https://') or starts-with(@href, 'http://')">
      <a href="{@href}" rel="noreferrer"><xsl:apply-templates mode="html"/></a>
    </xsl:when>
    <xsl:otherwise><xsl:apply-templates mode="html"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>
<xsl:template match="h:script|h:style|h:img|h:iframe|h:object|h:embed
    |h:form|h:input|h:button|h:link|h:meta|h:svg|h:video|h:audio"
    mode="html"/>
<xsl:template match="*" mode="html">
  <xsl:apply-templates mode="html"/>
</xsl:template>
<xsl:template match="comment()|processing-instruction()" mode="html"/>

<!-- <sub idref> (XCCDF 1.2 section 6.4.4.6): the value the evaluation
     used (TestResult set-value; else the profile's set-value or the value
     its refine-value selects, for results that do not list set-values),
     else the Value's default, or the Value's title with use="title", or a
     plain-text. -->
<xsl:template match="x:sub" mode="html">
  <xsl:variable name="sv" select="($tr/x:set-value[@idref = current()/@idref]
      | $tprof[not($tr/x:set-value[@idref = current()/@idref])]/x:set-value[@idref = current()/@idref])[last()]"/>
  <xsl:variable name="val" select="id(@idref)[self::x:Value][1]"/>
  <xsl:variable name="rsel" select="string($tprof/x:refine-value[@idref = current()/@idref][last()]/@selector)"/>
  <xsl:variable name="pt" select="$bench/x:plain-text[@id = current()/@idref][1]"/>
  <code class="sub">
    <xsl:choose>
      <xsl:when test="@use = 'title' and $val">
        <xsl:call-template name="text">
          <xsl:with-param name="nodes" select="$val/x:title"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$sv"><xsl:value-of select="$sv[1]"/></xsl:when>
      <xsl:when test="$rsel != '' and $val/x:value[@selector = $rsel]">
        <xsl:value-of select="$val/x:value[@selector = $rsel][1]"/>
      </xsl:when>
      <xsl:when test="$val/x:value[not(@selector)]">
        <xsl:value-of select="($val/x:value[not(@selector)])[1]"/>
      </xsl:when>
      <xsl:when test="$val/x:value">
        <xsl:value-of select="($val/x:value)[1]"/>
      </xsl:when>
      <xsl:when test="$pt"><xsl:value-of select="$pt"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="@idref"/></xsl:otherwise>
    </xsl:choose>
  </code>
</xsl:template>

<!-- ================================================================ -->
<!-- page                                                             -->

<xsl:template match="/">
  <xsl:choose>
    <xsl:when test="$part = 'b'">
      <xsl:for-each select="$rrs[@kensa-part]">
        <xsl:comment>kensa-row <xsl:value-of select="@kensa-part"/></xsl:comment>
        <xsl:apply-templates select="." mode="row-body"/>
      </xsl:for-each>
      <xsl:comment>kensa-end</xsl:comment>
    </xsl:when>
    <xsl:otherwise><xsl:call-template name="page"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template name="page">
  <html lang="{$L}">
    <head>
      <meta charset="utf-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <title>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'report'"/></xsl:call-template>
        <xsl:if test="$bench">
          <xsl:text> - </xsl:text>
          <xsl:value-of select="normalize-space(($bench/x:title)[1])"/>
        </xsl:if>
      </title>
      <style><xsl:call-template name="css"/></style>
    </head>
    <body>
      <xsl:call-template name="header"/>
      <xsl:choose>
        <xsl:when test="$tr">
          <xsl:call-template name="summary"/>
          <xsl:if test="$findings != ''">
            <xsl:call-template name="findings">
              <xsl:with-param name="fd" select="document($findings)/f:findings"/>
            </xsl:call-template>
          </xsl:if>
          <xsl:call-template name="rules"/>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty">
            <xsl:call-template name="t"><xsl:with-param name="id" select="'no-results'"/></xsl:call-template>
          </p>
        </xsl:otherwise>
      </xsl:choose>
      <footer>
        <xsl:call-template name="t">
          <xsl:with-param name="id" select="'generated'"/>
          <xsl:with-param name="n" select="$generator"/>
        </xsl:call-template>
      </footer>
      <script><xsl:call-template name="js"/></script>
    </body>
  </html>
</xsl:template>

<xsl:template name="fact">
  <xsl:param name="id"/>
  <xsl:param name="value"/>
  <xsl:if test="string($value) != ''">
    <tr>
      <th><xsl:call-template name="t"><xsl:with-param name="id" select="$id"/></xsl:call-template></th>
      <td><xsl:copy-of select="$value"/></td>
    </tr>
  </xsl:if>
</xsl:template>

<xsl:template name="header">
  <header>
    <h1>
      <xsl:choose>
        <xsl:when test="$bench">
          <xsl:call-template name="text">
            <xsl:with-param name="nodes" select="$bench/x:title"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="t"><xsl:with-param name="id" select="'report'"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </h1>
    <table class="facts">
      <xsl:call-template name="fact">
        <xsl:with-param name="id" select="'benchmark'"/>
        <xsl:with-param name="value" select="string($bench/@id)"/>
      </xsl:call-template>
      <xsl:call-template name="fact">
        <xsl:with-param name="id" select="'version'"/>
        <xsl:with-param name="value" select="string(($bench/x:version)[1])"/>
      </xsl:call-template>
      <xsl:if test="$tr">
        <xsl:variable name="pid" select="string(($tr/x:profile)/@idref)"/>
        <xsl:variable name="prof" select="$bench/x:Profile[@id = $pid][1]"/>
        <tr>
          <th><xsl:call-template name="t"><xsl:with-param name="id" select="'profile'"/></xsl:call-template></th>
          <td>
            <xsl:choose>
              <xsl:when test="$prof">
                <xsl:call-template name="text">
                  <xsl:with-param name="nodes" select="$prof/x:title"/>
                </xsl:call-template>
                <div class="rid"><xsl:value-of select="$pid"/></div>
              </xsl:when>
              <xsl:when test="$pid != ''"><xsl:value-of select="$pid"/></xsl:when>
              <xsl:otherwise>
                <xsl:call-template name="t"><xsl:with-param name="id" select="'no-profile'"/></xsl:call-template>
              </xsl:otherwise>
            </xsl:choose>
          </td>
        </tr>
        <xsl:call-template name="fact">
          <xsl:with-param name="id" select="'target'"/>
          <xsl:with-param name="value" select="string(($tr/x:target)[1])"/>
        </xsl:call-template>
        <xsl:variable name="addrs">
          <xsl:for-each select="($tr/x:target-address)[position() &lt;= 8]">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <xsl:value-of select="."/>
          </xsl:for-each>
        </xsl:variable>
        <xsl:call-template name="fact">
          <xsl:with-param name="id" select="'addresses'"/>
          <xsl:with-param name="value" select="string($addrs)"/>
        </xsl:call-template>
        <xsl:call-template name="fact">
          <xsl:with-param name="id" select="'identity'"/>
          <xsl:with-param name="value" select="string(($tr/x:identity)[1])"/>
        </xsl:call-template>
        <xsl:call-template name="fact">
          <xsl:with-param name="id" select="'start'"/>
          <xsl:with-param name="value" select="translate($tr/@start-time, 'T', ' ')"/>
        </xsl:call-template>
        <xsl:call-template name="fact">
          <xsl:with-param name="id" select="'end'"/>
          <xsl:with-param name="value" select="translate($tr/@end-time, 'T', ' ')"/>
        </xsl:call-template>
        <xsl:call-template name="fact">
          <xsl:with-param name="id" select="'test-system'"/>
          <xsl:with-param name="value" select="string($tr/@test-system)"/>
        </xsl:call-template>
        <xsl:for-each select="$tr/x:score">
          <tr>
            <th>
              <xsl:call-template name="t"><xsl:with-param name="id" select="'score'"/></xsl:call-template>
            </th>
            <td>
              <span class="score" data-system="{@system}">
                <xsl:value-of select="format-number(number(.), '0.00')"/>
              </span>
              <xsl:if test="@maximum">
                <xsl:text> / </xsl:text>
                <xsl:value-of select="format-number(number(@maximum), '0.##')"/>
              </xsl:if>
              <span class="rid"><xsl:text> </xsl:text><xsl:value-of select="@system"/></span>
            </td>
          </tr>
        </xsl:for-each>
      </xsl:if>
    </table>
  </header>
</xsl:template>

<!-- ================================================================ -->
<!-- summary                                                          -->

<xsl:template name="count-card">
  <xsl:param name="r"/>
  <xsl:variable name="n" select="count($results[. = $r])"/>
  <div class="card r-{$r}">
    <span class="n" id="count-{$r}" data-count="{$n}"><xsl:value-of select="$n"/></span>
    <span class="l">
      <xsl:call-template name="t"><xsl:with-param name="id" select="concat('r-', $r)"/></xsl:call-template>
    </span>
  </div>
</xsl:template>

<!-- The severity of a rule result: its own (XCCDF 1.2 section 6.6.4.2
     copies the rule's), else the rule's, else "unknown" (the default of
     Rule/@severity). -->
<xsl:template name="sev-card">
  <xsl:param name="sv"/>
  <xsl:variable name="n" select="count($failed[@severity = $sv])
      + count($failed[not(@severity)][id(@idref)[self::x:Rule][1]/@severity = $sv])
      + count($failed[$sv = 'unknown'][not(@severity)][not(id(@idref)[self::x:Rule][1]/@severity)])"/>
  <div class="card s-{$sv}">
    <span class="n" id="count-fail-{$sv}" data-count="{$n}"><xsl:value-of select="$n"/></span>
    <span class="l">
      <xsl:call-template name="t"><xsl:with-param name="id" select="concat('s-', $sv)"/></xsl:call-template>
    </span>
  </div>
</xsl:template>

<xsl:template name="bar-part">
  <xsl:param name="r"/>
  <xsl:variable name="n" select="count($results[. = $r])"/>
  <xsl:if test="$n &gt; 0 and $nshown &gt; 0">
    <span class="r-{$r}" style="width:{format-number($n * 100 div $nshown, '0.##')}%">
      <xsl:attribute name="title">
        <xsl:call-template name="t"><xsl:with-param name="id" select="concat('r-', $r)"/></xsl:call-template>
        <xsl:value-of select="concat(': ', $n)"/>
      </xsl:attribute>
    </span>
  </xsl:if>
</xsl:template>

<xsl:template name="summary">
  <section id="summary">
    <h2><xsl:call-template name="t"><xsl:with-param name="id" select="'summary'"/></xsl:call-template></h2>
    <div class="bar">
      <xsl:call-template name="bar-part"><xsl:with-param name="r" select="'pass'"/></xsl:call-template>
      <xsl:call-template name="bar-part"><xsl:with-param name="r" select="'fixed'"/></xsl:call-template>
      <xsl:call-template name="bar-part"><xsl:with-param name="r" select="'fail'"/></xsl:call-template>
      <xsl:call-template name="bar-part"><xsl:with-param name="r" select="'error'"/></xsl:call-template>
      <xsl:call-template name="bar-part"><xsl:with-param name="r" select="'unknown'"/></xsl:call-template>
      <xsl:call-template name="bar-part"><xsl:with-param name="r" select="'notchecked'"/></xsl:call-template>
      <xsl:call-template name="bar-part"><xsl:with-param name="r" select="'informational'"/></xsl:call-template>
      <xsl:call-template name="bar-part"><xsl:with-param name="r" select="'notapplicable'"/></xsl:call-template>
    </div>
    <div class="cards">
      <div class="card total">
        <span class="n" id="count-total" data-count="{count($results)}"><xsl:value-of select="count($results)"/></span>
        <span class="l"><xsl:call-template name="t"><xsl:with-param name="id" select="'total'"/></xsl:call-template></span>
      </div>
      <xsl:call-template name="count-card"><xsl:with-param name="r" select="'pass'"/></xsl:call-template>
      <xsl:call-template name="count-card"><xsl:with-param name="r" select="'fail'"/></xsl:call-template>
      <xsl:call-template name="count-card"><xsl:with-param name="r" select="'error'"/></xsl:call-template>
      <xsl:call-template name="count-card"><xsl:with-param name="r" select="'unknown'"/></xsl:call-template>
      <xsl:call-template name="count-card"><xsl:with-param name="r" select="'notapplicable'"/></xsl:call-template>
      <xsl:call-template name="count-card"><xsl:with-param name="r" select="'notchecked'"/></xsl:call-template>
      <xsl:call-template name="count-card"><xsl:with-param name="r" select="'notselected'"/></xsl:call-template>
      <xsl:call-template name="count-card"><xsl:with-param name="r" select="'informational'"/></xsl:call-template>
      <xsl:call-template name="count-card"><xsl:with-param name="r" select="'fixed'"/></xsl:call-template>
    </div>
    <h3><xsl:call-template name="t"><xsl:with-param name="id" select="'failed-by-severity'"/></xsl:call-template></h3>
    <div class="cards">
      <xsl:call-template name="sev-card"><xsl:with-param name="sv" select="'high'"/></xsl:call-template>
      <xsl:call-template name="sev-card"><xsl:with-param name="sv" select="'medium'"/></xsl:call-template>
      <xsl:call-template name="sev-card"><xsl:with-param name="sv" select="'low'"/></xsl:call-template>
      <xsl:call-template name="sev-card"><xsl:with-param name="sv" select="'info'"/></xsl:call-template>
      <xsl:call-template name="sev-card"><xsl:with-param name="sv" select="'unknown'"/></xsl:call-template>
    </div>
  </section>
</xsl:template>

<!-- ================================================================ -->
<!-- findings (a kensa findings document, data/schemas/kensa-findings-1.xsd) -->

<!-- A severity card: the count the findings document's own summary
     states (not recounted here: the page says what the document says). -->
<xsl:template name="fsev-card">
  <xsl:param name="sum"/>
  <xsl:param name="sv"/>
  <xsl:variable name="n" select="sum($sum/@*[local-name() = $sv])"/>
  <div class="card f-{$sv}">
    <span class="n" id="fcount-{$sv}" data-count="{$n}"><xsl:value-of select="$n"/></span>
    <span class="l">
      <xsl:call-template name="t"><xsl:with-param name="id" select="concat('f-', $sv)"/></xsl:call-template>
    </span>
  </div>
</xsl:template>

<xsl:template name="findings">
  <xsl:param name="fd"/>
  <xsl:variable name="sum" select="$fd/f:summary"/>
  <xsl:variable name="rows" select="$fd/f:finding"/>
  <section id="findings">
    <h2><xsl:call-template name="t"><xsl:with-param name="id" select="'findings'"/></xsl:call-template></h2>
    <table class="facts">
      <xsl:call-template name="fact">
        <xsl:with-param name="id" select="'target'"/>
        <xsl:with-param name="value" select="string($fd/f:target/@name)"/>
      </xsl:call-template>
      <xsl:call-template name="fact">
        <xsl:with-param name="id" select="'findings-generated'"/>
        <xsl:with-param name="value" select="normalize-space(concat(translate($fd/@generated, 'T', ' '), ' ', $fd/@generator))"/>
      </xsl:call-template>
    </table>
    <div class="cards">
      <div class="card total">
        <span class="n" id="fcount-total" data-count="{sum($sum/@total)}"><xsl:value-of select="sum($sum/@total)"/></span>
        <span class="l"><xsl:call-template name="t"><xsl:with-param name="id" select="'findings-total'"/></xsl:call-template></span>
      </div>
      <xsl:call-template name="fsev-card"><xsl:with-param name="sum" select="$sum"/><xsl:with-param name="sv" select="'critical'"/></xsl:call-template>
      <xsl:call-template name="fsev-card"><xsl:with-param name="sum" select="$sum"/><xsl:with-param name="sv" select="'high'"/></xsl:call-template>
      <xsl:call-template name="fsev-card"><xsl:with-param name="sum" select="$sum"/><xsl:with-param name="sv" select="'medium'"/></xsl:call-template>
      <xsl:call-template name="fsev-card"><xsl:with-param name="sum" select="$sum"/><xsl:with-param name="sv" select="'low'"/></xsl:call-template>
      <xsl:call-template name="fsev-card"><xsl:with-param name="sum" select="$sum"/><xsl:with-param name="sv" select="'none'"/></xsl:call-template>
      <xsl:call-template name="fsev-card"><xsl:with-param name="sum" select="$sum"/><xsl:with-param name="sv" select="'unknown'"/></xsl:call-template>
    </div>
    <xsl:choose>
      <xsl:when test="not($rows)">
        <p class="empty" id="no-findings">
          <xsl:call-template name="t"><xsl:with-param name="id" select="'no-findings'"/></xsl:call-template>
        </p>
      </xsl:when>
      <xsl:otherwise>
        <!-- In the document's order: score, highest first, then id. -->
        <table id="findingtable">
          <thead>
            <tr>
              <th><xsl:call-template name="t"><xsl:with-param name="id" select="'severity'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="id" select="'cvss'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="id" select="'vuln-ids'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="id" select="'title'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="id" select="'package'"/></xsl:call-template></th>
            </tr>
          </thead>
          <tbody>
            <xsl:apply-templates select="$rows" mode="finding"/>
          </tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </section>
</xsl:template>

<!-- A link for an address of the http or https scheme only (anything else,
     javascript: or file:, stays text). -->
<xsl:template name="link">
  <xsl:param name="url"/>
  <xsl:param name="label"/>
  <xsl:choose>
    <xsl:when test="starts-with($url, 'https://') or starts-with($url, 'http://')">
      <a href="{$url}" rel="noreferrer"><xsl:value-of select="$label"/></a>
    </xsl:when>
    <xsl:when test="$url != ''">
      <xsl:value-of select="concat($label, ' (', $url, ')')"/>
    </xsl:when>
    <xsl:otherwise><xsl:value-of select="$label"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- "CVSS v3.1 - JVN iPedia (JVNDB-...)": what a score is and who says it.
     Context: f:cvss or f:evidence/f:score. -->
<xsl:template name="score-source">
  <xsl:text>CVSS</xsl:text>
  <xsl:if test="@version != ''"><xsl:value-of select="concat(' v', @version)"/></xsl:if>
  <xsl:value-of select="concat(' - ', @source)"/>
  <xsl:if test="@about != ''"><xsl:value-of select="concat(' (', @about, ')')"/></xsl:if>
</xsl:template>

<xsl:template match="f:finding" mode="finding">
  <xsl:variable name="sv" select="string(@severity)"/>
  <xsl:variable name="title" select="(f:title[@lang = $L] | f:title[not(../f:title[@lang = $L])])[1]"/>
  <xsl:variable name="ev" select="f:evidence/f:score"/>
  <tr class="finding" data-severity="{$sv}">
    <td class="sev f-{$sv}">
      <xsl:call-template name="t"><xsl:with-param name="id" select="concat('f-', $sv)"/></xsl:call-template>
      <xsl:for-each select="f:vendor-severity">
        <div class="rid">
          <xsl:call-template name="t"><xsl:with-param name="id" select="'vendor-severity'"/></xsl:call-template>
          <xsl:value-of select="concat(': ', @source, ' ', .)"/>
        </div>
      </xsl:for-each>
    </td>
    <td class="cvss">
      <xsl:choose>
        <!-- A score only where the document states one: never made up. -->
        <xsl:when test="f:cvss[string(@score) != '']">
          <span class="cscore"><xsl:value-of select="f:cvss/@score"/></span>
          <xsl:if test="f:cvss/@severity != ''">
            <xsl:value-of select="concat(' ', f:cvss/@severity)"/>
          </xsl:if>
          <div class="rid"><xsl:for-each select="f:cvss"><xsl:call-template name="score-source"/></xsl:for-each></div>
          <xsl:if test="normalize-space(f:cvss) != ''">
            <div class="vec"><xsl:value-of select="normalize-space(f:cvss)"/></div>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <span class="nocvss">
            <xsl:call-template name="t"><xsl:with-param name="id" select="'no-cvss'"/></xsl:call-template>
          </span>
          <xsl:if test="f:no-cvss/@reason != ''">
            <div class="rid">
              <xsl:call-template name="cut">
                <xsl:with-param name="s" select="string(f:no-cvss/@reason)"/>
                <xsl:with-param name="max" select="240"/>
              </xsl:call-template>
            </div>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </td>
    <td class="fids">
      <code><xsl:value-of select="f:ids/f:definition"/></code>
      <xsl:if test="@class = 'patch'"><span class="rid"> (patch)</span></xsl:if>
      <xsl:for-each select="f:ids/f:cve | f:ids/f:jvndb | f:ids/f:advisory">
        <br/><xsl:value-of select="."/>
      </xsl:for-each>
    </td>
    <td>
      <span class="title">
        <xsl:if test="$title/@lang != ''">
          <xsl:attribute name="lang"><xsl:value-of select="$title/@lang"/></xsl:attribute>
        </xsl:if>
        <xsl:value-of select="$title"/>
      </span>
      <xsl:if test="f:references/f:reference">
        <div class="refs">
          <xsl:for-each select="f:references/f:reference">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <xsl:call-template name="link">
              <xsl:with-param name="url" select="string(@url)"/>
              <xsl:with-param name="label" select="normalize-space(concat(
                  substring(@source, 1, string-length(@source) * number(not(starts-with(@id, @source)))),
                  ' ', @id))"/>
            </xsl:call-template>
          </xsl:for-each>
        </div>
      </xsl:if>
      <xsl:if test="$ev">
        <details>
          <summary class="rid">
            <xsl:call-template name="t">
              <xsl:with-param name="id" select="'other-scores'"/>
              <xsl:with-param name="n" select="count($ev)"/>
            </xsl:call-template>
          </summary>
          <ul class="ev">
            <xsl:for-each select="$ev">
              <li>
                <xsl:call-template name="score-source"/>
                <xsl:text>: </xsl:text>
                <xsl:choose>
                  <xsl:when test="string(@score) != ''">
                    <b><xsl:value-of select="@score"/></b>
                    <xsl:value-of select="concat(' ', @severity)"/>
                  </xsl:when>
                  <xsl:otherwise>
                    <i><xsl:call-template name="t"><xsl:with-param name="id" select="'no-score'"/></xsl:call-template></i>
                    <xsl:if test="@reason != ''"><xsl:value-of select="concat(' - ', @reason)"/></xsl:if>
                  </xsl:otherwise>
                </xsl:choose>
                <xsl:if test="normalize-space(.) != ''">
                  <div class="vec"><xsl:value-of select="normalize-space(.)"/></div>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ul>
        </details>
      </xsl:if>
    </td>
    <td class="pkgs">
      <xsl:for-each select="f:affected/f:package">
        <div>
          <b><xsl:value-of select="@name"/></b>
          <xsl:if test="@arch != ''"><span class="rid"><xsl:value-of select="concat(' ', @arch)"/></span></xsl:if>
          <br/>
          <xsl:value-of select="@installed"/>
          <xsl:text> &#8594; </xsl:text>
          <xsl:choose>
            <xsl:when test="@fixed != ''"><xsl:value-of select="@fixed"/></xsl:when>
            <xsl:otherwise>
              <i><xsl:call-template name="t"><xsl:with-param name="id" select="'no-fix'"/></xsl:call-template></i>
            </xsl:otherwise>
          </xsl:choose>
        </div>
      </xsl:for-each>
    </td>
  </tr>
</xsl:template>

<!-- ================================================================ -->
<!-- rule table                                                       -->

<xsl:template name="filter-box">
  <xsl:param name="name"/>
  <xsl:param name="value"/>
  <xsl:param name="on" select="true()"/>
  <label class="{$name}-{$value}">
    <input type="checkbox" name="{$name}" value="{$value}">
      <xsl:if test="$on"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
    </input>
    <xsl:call-template name="t"><xsl:with-param name="id" select="concat($name, '-', $value)"/></xsl:call-template>
    <xsl:if test="$name = 'r'">
      <xsl:value-of select="concat(' (', count($results[. = $value]), ')')"/>
    </xsl:if>
  </label>
</xsl:template>

<xsl:template name="rules">
  <section id="rules">
    <h2><xsl:call-template name="t"><xsl:with-param name="id" select="'rules'"/></xsl:call-template></h2>
    <form id="filters">
      <fieldset>
        <legend><xsl:call-template name="t"><xsl:with-param name="id" select="'result'"/></xsl:call-template></legend>
        <xsl:call-template name="filter-box"><xsl:with-param name="name" select="'r'"/><xsl:with-param name="value" select="'pass'"/></xsl:call-template>
        <xsl:call-template name="filter-box"><xsl:with-param name="name" select="'r'"/><xsl:with-param name="value" select="'fail'"/></xsl:call-template>
        <xsl:call-template name="filter-box"><xsl:with-param name="name" select="'r'"/><xsl:with-param name="value" select="'error'"/></xsl:call-template>
        <xsl:call-template name="filter-box"><xsl:with-param name="name" select="'r'"/><xsl:with-param name="value" select="'unknown'"/></xsl:call-template>
        <xsl:call-template name="filter-box"><xsl:with-param name="name" select="'r'"/><xsl:with-param name="value" select="'notapplicable'"/></xsl:call-template>
        <xsl:call-template name="filter-box"><xsl:with-param name="name" select="'r'"/><xsl:with-param name="value" select="'notchecked'"/></xsl:call-template>
        <xsl:call-template name="filter-box"><xsl:with-param name="name" select="'r'"/><xsl:with-param name="value" select="'notselected'"/><xsl:with-param name="on" select="false()"/></xsl:call-template>
        <xsl:call-template name="filter-box"><xsl:with-param name="name" select="'r'"/><xsl:with-param name="value" select="'informational'"/></xsl:call-template>
        <xsl:call-template name="filter-box"><xsl:with-param name="name" select="'r'"/><xsl:with-param name="value" select="'fixed'"/></xsl:call-template>
      </fieldset>
      <fieldset>
        <legend><xsl:call-template name="t"><xsl:with-param name="id" select="'severity'"/></xsl:call-template></legend>
        <xsl:call-template name="filter-box"><xsl:with-param name="name" select="'s'"/><xsl:with-param name="value" select="'high'"/></xsl:call-template>
        <xsl:call-template name="filter-box"><xsl:with-param name="name" select="'s'"/><xsl:with-param name="value" select="'medium'"/></xsl:call-template>
        <xsl:call-template name="filter-box"><xsl:with-param name="name" select="'s'"/><xsl:with-param name="value" select="'low'"/></xsl:call-template>
        <xsl:call-template name="filter-box"><xsl:with-param name="name" select="'s'"/><xsl:with-param name="value" select="'info'"/></xsl:call-template>
        <xsl:call-template name="filter-box"><xsl:with-param name="name" select="'s'"/><xsl:with-param name="value" select="'unknown'"/></xsl:call-template>
      </fieldset>
      <p>
        <span id="shown" data-count="{$nshown}"><xsl:value-of select="$nshown"/></span>
        <xsl:text> </xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="id" select="'shown'"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <button type="button" id="expand"><xsl:call-template name="t"><xsl:with-param name="id" select="'expand'"/></xsl:call-template></button>
        <xsl:text> </xsl:text>
        <button type="button" id="collapse"><xsl:call-template name="t"><xsl:with-param name="id" select="'collapse'"/></xsl:call-template></button>
      </p>
    </form>
    <table id="ruletable">
      <thead>
        <tr>
          <th><xsl:call-template name="t"><xsl:with-param name="id" select="'title'"/></xsl:call-template></th>
          <th><xsl:call-template name="t"><xsl:with-param name="id" select="'severity'"/></xsl:call-template></th>
          <th><xsl:call-template name="t"><xsl:with-param name="id" select="'result'"/></xsl:call-template></th>
          <th><xsl:call-template name="t"><xsl:with-param name="id" select="'idents'"/></xsl:call-template></th>
        </tr>
      </thead>
      <!-- One tbody per Benchmark or Group holding rules, in document order. -->
      <xsl:for-each select="($bench | $bench//x:Group)[x:Rule]">
        <xsl:variable name="rows"
            select="key('rr', x:Rule/@id)[count(.. | $tr) = 1]"/>
        <xsl:if test="$rows">
          <tbody class="grp">
            <tr class="gh">
              <th colspan="4">
                <xsl:for-each select="ancestor-or-self::x:Group">
                  <xsl:if test="position() &gt; 1"> &#8250; </xsl:if>
                  <xsl:call-template name="text">
                    <xsl:with-param name="nodes" select="x:title"/>
                  </xsl:call-template>
                </xsl:for-each>
                <xsl:if test="not(self::x:Group)">
                  <xsl:call-template name="text">
                    <xsl:with-param name="nodes" select="x:title"/>
                  </xsl:call-template>
                </xsl:if>
              </th>
            </tr>
            <xsl:apply-templates select="$rows" mode="row"/>
          </tbody>
        </xsl:if>
      </xsl:for-each>
      <xsl:variable name="orphans" select="$rrs[not(id(@idref)[self::x:Rule])]"/>
      <xsl:if test="$orphans">
        <tbody class="grp">
          <tr class="gh">
            <th colspan="4"><xsl:call-template name="t"><xsl:with-param name="id" select="'other-rules'"/></xsl:call-template></th>
          </tr>
          <xsl:apply-templates select="$orphans" mode="row"/>
        </tbody>
      </xsl:if>
    </table>
  </section>
</xsl:template>

<xsl:template match="x:rule-result" mode="row">
  <xsl:choose>
    <xsl:when test="$part = 'a' and @kensa-part">
      <xsl:comment>kensa-row <xsl:value-of select="@kensa-part"/></xsl:comment>
    </xsl:when>
    <xsl:otherwise><xsl:apply-templates select="." mode="row-body"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template match="x:rule-result" mode="row-body">
  <xsl:variable name="rule" select="id(@idref)[self::x:Rule][1]"/>
  <xsl:variable name="res" select="string(x:result)"/>
  <xsl:variable name="sev">
    <xsl:choose>
      <xsl:when test="@severity"><xsl:value-of select="@severity"/></xsl:when>
      <xsl:when test="$rule/@severity"><xsl:value-of select="$rule/@severity"/></xsl:when>
      <xsl:otherwise>unknown</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="idents" select="x:ident
      | $rule[not(current()/x:ident)]/x:ident"/>
  <tr class="rule" data-result="{$res}" data-severity="{$sev}">
    <xsl:if test="$res = 'notselected'">
      <xsl:attribute name="hidden">hidden</xsl:attribute>
    </xsl:if>
    <td>
      <xsl:choose>
        <!-- Rules that were not selected get no details: the page stays
             small and nothing was checked. -->
        <xsl:when test="$res = 'notselected'">
          <xsl:call-template name="rule-title"><xsl:with-param name="rule" select="$rule"/></xsl:call-template>
          <div class="rid"><xsl:value-of select="@idref"/></div>
        </xsl:when>
        <xsl:otherwise>
          <details>
            <summary>
              <xsl:call-template name="rule-title"><xsl:with-param name="rule" select="$rule"/></xsl:call-template>
              <span class="rid"><xsl:value-of select="@idref"/>
                <xsl:if test="x:instance">
                  <xsl:value-of select="concat(' [', x:instance, ']')"/>
                </xsl:if>
              </span>
            </summary>
            <xsl:call-template name="details">
              <xsl:with-param name="rule" select="$rule"/>
              <xsl:with-param name="idents" select="$idents"/>
            </xsl:call-template>
          </details>
        </xsl:otherwise>
      </xsl:choose>
    </td>
    <td class="sev s-{$sev}">
      <xsl:call-template name="t"><xsl:with-param name="id" select="concat('s-', $sev)"/></xsl:call-template>
    </td>
    <td><span class="badge r-{$res}">
      <xsl:call-template name="t"><xsl:with-param name="id" select="concat('r-', $res)"/></xsl:call-template>
    </span></td>
    <td class="idents">
      <xsl:for-each select="$idents">
        <xsl:if test="position() &gt; 1"><br/></xsl:if>
        <xsl:value-of select="."/>
      </xsl:for-each>
    </td>
  </tr>
</xsl:template>

<xsl:template name="rule-title">
  <xsl:param name="rule"/>
  <span class="title">
    <xsl:choose>
      <xsl:when test="$rule/x:title">
        <xsl:call-template name="text">
          <xsl:with-param name="nodes" select="$rule/x:title"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="@idref"/></xsl:otherwise>
    </xsl:choose>
  </span>
</xsl:template>

<!-- A reference's source, short: the host of its href (the URL of the
     standard, e.g. www.cisecurity.org), with the document name for the
     several NIST publications under one host. Context: x:reference. -->
<xsl:template name="ref-source">
  <xsl:variable name="rest" select="substring-after(@href, '://')"/>
  <xsl:variable name="host">
    <xsl:choose>
      <xsl:when test="contains($rest, '/')"><xsl:value-of select="substring-before($rest, '/')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$rest"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:choose>
    <xsl:when test="$host = ''"><xsl:value-of select="@href"/></xsl:when>
    <xsl:when test="contains(@href, '/NIST.')">
      <xsl:value-of select="concat('NIST.', substring-after(@href, '/NIST.'))"/>
    </xsl:when>
    <xsl:otherwise><xsl:value-of select="$host"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template name="section">
  <xsl:param name="id"/>
  <xsl:param name="nodes"/>
  <xsl:if test="$nodes">
    <h4><xsl:call-template name="t"><xsl:with-param name="id" select="$id"/></xsl:call-template></h4>
    <div class="text">
      <xsl:call-template name="text"><xsl:with-param name="nodes" select="$nodes"/></xsl:call-template>
    </div>
  </xsl:if>
</xsl:template>

<!-- The opened part of a row: texts, identifiers, references, the check
     and its OVAL evidence. Context: the rule-result. -->
<xsl:template name="details">
  <xsl:param name="rule"/>
  <xsl:param name="idents"/>
  <div class="det">
    <xsl:if test="x:message">
      <h4><xsl:call-template name="t"><xsl:with-param name="id" select="'message'"/></xsl:call-template></h4>
      <ul class="msg">
        <xsl:for-each select="x:message">
          <li class="m-{@severity}"><xsl:value-of select="."/></li>
        </xsl:for-each>
      </ul>
    </xsl:if>
    <xsl:call-template name="section">
      <xsl:with-param name="id" select="'description'"/>
      <xsl:with-param name="nodes" select="$rule/x:description"/>
    </xsl:call-template>
    <xsl:call-template name="section">
      <xsl:with-param name="id" select="'rationale'"/>
      <xsl:with-param name="nodes" select="$rule/x:rationale"/>
    </xsl:call-template>
    <xsl:call-template name="section">
      <xsl:with-param name="id" select="'fixtext'"/>
      <xsl:with-param name="nodes" select="$rule/x:fixtext"/>
    </xsl:call-template>
    <!-- Scripts only where something is to be fixed: SSG's (sh, Ansible,
         Puppet, blueprint) for every rule of a big data stream would be
         megabytes of text nobody runs on a passing rule. -->
    <xsl:if test="$rule/x:fix and x:result = 'fail'">
      <h4><xsl:call-template name="t"><xsl:with-param name="id" select="'fix'"/></xsl:call-template></h4>
      <xsl:apply-templates select="$rule/x:fix" mode="fix"/>
    </xsl:if>
    <xsl:if test="$idents">
      <h4><xsl:call-template name="t"><xsl:with-param name="id" select="'idents'"/></xsl:call-template></h4>
      <ul class="refs">
        <xsl:for-each select="$idents">
          <li><xsl:value-of select="."/> <span class="rid"><xsl:text> </xsl:text><xsl:value-of select="@system"/></span></li>
        </xsl:for-each>
      </ul>
    </xsl:if>
    <xsl:variable name="refs" select="$rule/x:reference"/>
    <xsl:if test="$refs">
      <h4><xsl:call-template name="t"><xsl:with-param name="id" select="'references'"/></xsl:call-template></h4>
      <!-- A run of references with the same source (href) is one line
           with the source named once (SSG lists them grouped); no key:
           a lookup per reference cost more than the rest of the rule. -->
      <div class="refs">
        <xsl:for-each select="$refs">
          <xsl:choose>
            <xsl:when test="position() = 1 or @href != preceding-sibling::x:reference[1]/@href">
              <xsl:if test="position() &gt; 1"><br/></xsl:if>
              <xsl:if test="@href != ''">
                <b><xsl:call-template name="ref-source"/>: </b>
              </xsl:if>
            </xsl:when>
            <xsl:otherwise>, </xsl:otherwise>
          </xsl:choose>
          <xsl:choose>
            <xsl:when test="dc:title | dc:identifier">
              <xsl:value-of select="normalize-space(concat(dc:identifier, ' ', dc:title))"/>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </div>
    </xsl:if>
    <xsl:variable name="checks" select="x:check
        | x:complex-check//x:check"/>
    <xsl:if test="$checks">
      <h4><xsl:call-template name="t"><xsl:with-param name="id" select="'check'"/></xsl:call-template></h4>
      <xsl:for-each select="$checks">
        <div class="check">
          <xsl:if test="@system != 'http://oval.mitre.org/XMLSchema/oval-definitions-5'">
            <div class="rid"><xsl:value-of select="@system"/></div>
          </xsl:if>
          <xsl:for-each select="x:check-export">
            <div class="rid">
              <xsl:value-of select="@export-name"/> &#8592; <xsl:value-of select="@value-id"/>
              <xsl:variable name="sv" select="$tr/x:set-value[@idref = current()/@value-id]"/>
              <xsl:if test="$sv"> = <code class="sub"><xsl:value-of select="$sv[1]"/></code></xsl:if>
            </div>
          </xsl:for-each>
          <xsl:for-each select="x:check-content-ref">
            <xsl:choose>
              <xsl:when test="../@system = 'http://oval.mitre.org/XMLSchema/oval-definitions-5' and @name">
                <xsl:call-template name="oval-evidence"/>
              </xsl:when>
              <xsl:otherwise>
                <div class="rid"><xsl:value-of select="concat(@href, ' ', @name)"/></div>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </div>
      </xsl:for-each>
    </xsl:if>
  </div>
</xsl:template>

<!-- ================================================================ -->
<!-- fixes                                                            -->

<!-- A fix script (XCCDF 1.2 section 6.4.4.7, fixType), collapsed: its
     system as a label, the script as plain text (never run, never a link),
     <sub> replaced by the value used; at most $max-fix-lines lines. -->
<xsl:template match="x:fix" mode="fix">
  <xsl:variable name="s" select="string(.)"/>
  <xsl:variable name="nl" select="string-length($s) - string-length(translate($s, '&#10;', ''))"/>
  <xsl:variable name="lines" select="$nl + number(substring($s, string-length($s)) != '&#10;' and $s != '')"/>
  <details class="fix">
    <summary>
      <b>
        <xsl:choose>
          <xsl:when test="@system = 'urn:xccdf:fix:script:sh'">Shell</xsl:when>
          <xsl:when test="@system = 'urn:xccdf:fix:script:ansible'">Ansible</xsl:when>
          <xsl:when test="@system = 'urn:xccdf:fix:script:puppet'">Puppet</xsl:when>
          <xsl:when test="@system = 'urn:xccdf:fix:script:kubernetes'">Kubernetes</xsl:when>
          <xsl:when test="@system = 'urn:xccdf:fix:script:pwsh'">PowerShell</xsl:when>
          <xsl:when test="@system = 'urn:redhat:anaconda:pre'">Anaconda</xsl:when>
          <xsl:when test="@system = 'urn:redhat:osbuild:blueprint'">osbuild blueprint</xsl:when>
          <xsl:when test="@system = 'urn:xccdf:fix:script:bootc'">bootc</xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="t"><xsl:with-param name="id" select="'fix-script'"/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </b>
      <span class="rid">
        <xsl:value-of select="concat(' ', @system)"/>
        <xsl:for-each select="@strategy | @complexity | @disruption | @reboot">
          <xsl:value-of select="concat(' ', local-name(), '=', .)"/>
        </xsl:for-each>
      </span>
    </summary>
    <pre class="fixscript"><xsl:call-template name="fix-body">
        <xsl:with-param name="nodes" select="node()"/>
        <xsl:with-param name="left" select="$max-fix-lines"/>
      </xsl:call-template></pre>
    <xsl:if test="$lines &gt; $max-fix-lines">
      <div class="more" data-count="{$lines - $max-fix-lines}">
        <xsl:call-template name="t">
          <xsl:with-param name="id" select="'more-lines'"/>
          <xsl:with-param name="n" select="$lines - $max-fix-lines"/>
        </xsl:call-template>
      </div>
    </xsl:if>
  </details>
</xsl:template>

<!-- The children of a fix in order until $left lines are out: a text is
     copied whole while it has fewer newlines than are left, else its head
     is; <sub> and <instance> become what they stand for. -->
<xsl:template name="fix-body">
  <xsl:param name="nodes"/>
  <xsl:param name="left"/>
  <xsl:if test="$nodes and $left &gt; 0">
    <xsl:variable name="n1" select="$nodes[1]"/>
    <xsl:variable name="nl" select="string-length($n1) - string-length(translate($n1, '&#10;', ''))"/>
    <xsl:choose>
      <xsl:when test="not($n1/self::text())">
        <xsl:apply-templates select="$n1" mode="html"/>
      </xsl:when>
      <xsl:when test="$nl &lt; $left"><xsl:value-of select="$n1"/></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="head-lines">
          <xsl:with-param name="s" select="string($n1)"/>
          <xsl:with-param name="k" select="$left"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="fix-body">
      <xsl:with-param name="nodes" select="$nodes[position() &gt; 1]"/>
      <xsl:with-param name="left" select="$left - $nl"/>
    </xsl:call-template>
  </xsl:if>
</xsl:template>

<!-- The first $k lines of $s, each with its newline. -->
<xsl:template name="head-lines">
  <xsl:param name="s"/>
  <xsl:param name="k"/>
  <xsl:if test="$k &gt; 0 and contains($s, '&#10;')">
    <xsl:value-of select="substring-before($s, '&#10;')"/>
    <xsl:text>&#10;</xsl:text>
    <xsl:call-template name="head-lines">
      <xsl:with-param name="s" select="substring-after($s, '&#10;')"/>
      <xsl:with-param name="k" select="$k - 1"/>
    </xsl:call-template>
  </xsl:if>
</xsl:template>

<!-- <instance> in a fix or fixtext (XCCDF 1.2 section 6.4.4.7): the
     instance name of the rule result, here unknown per fix: shown as a
     placeholder. -->
<xsl:template match="x:instance" mode="html">
  <code class="sub">{instance}</code>
</xsl:template>

<!-- ================================================================ -->
<!-- OVAL evidence                                                    -->

<!-- Context: a check-content-ref naming an OVAL definition. "#id" points at
     an ARF report (what oscap and kensa write); a file name is looked up
     by the definition id among the OVAL results the document holds. -->
<xsl:template name="oval-evidence">
  <xsl:variable name="href" select="string(@href)"/>
  <xsl:variable name="reports" select="/arf:asset-report-collection/arf:reports/arf:report"/>
  <xsl:variable name="byref"
      select="$reports[starts-with($href, '#')][@id = substring($href, 2)]/arf:content/ores:oval_results"/>
  <!-- The fallback scans only when there is no "#id" match. -->
  <xsl:variable name="ores" select="($byref | $reports[not($byref)]/arf:content/ores:oval_results[
      ores:results/ores:system/ores:definitions/ores:definition/@definition_id = current()/@name])[1]"/>
  <xsl:variable name="gid" select="string($ores/ancestor::arf:report[1]/@id)"/>
  <xsl:variable name="dres" select="key('odefres', concat($gid, ' ', @name))[1]"/>
  <!-- The definition's text: from the OVAL results when they carry their
       oval_definitions (oscap), else from the source data stream in the
       ARF's report request (kensa keeps ARF lean; OVAL ids are globally
       unique, and outside an arf:report the key's prefix is empty). -->
  <xsl:variable name="ddef" select="(key('odefdef', concat($gid, ' ', @name))
      | key('odefdef', concat(' ', @name)))[1]"/>
  <div class="oval">
    <div>
      <xsl:call-template name="t"><xsl:with-param name="id" select="'oval-definition'"/></xsl:call-template>
      <xsl:text> </xsl:text>
      <code><xsl:value-of select="@name"/></code>
      <xsl:if test="$dres">
        <xsl:text> </xsl:text>
        <xsl:call-template name="obadge"><xsl:with-param name="r" select="$dres/@result"/></xsl:call-template>
      </xsl:if>
      <xsl:if test="$ddef/odef:metadata/odef:title">
        <div class="otitle"><xsl:value-of select="$ddef/odef:metadata/odef:title"/></div>
      </xsl:if>
    </div>
    <xsl:choose>
      <xsl:when test="not($dres)">
        <p class="rid"><xsl:call-template name="t"><xsl:with-param name="id" select="'no-oval'"/></xsl:call-template></p>
      </xsl:when>
      <xsl:when test="$dres/@result != 'not evaluated' and $dres/ores:criteria">
        <ul class="crit">
          <xsl:apply-templates select="$dres/ores:criteria" mode="crit">
            <xsl:with-param name="gid" select="$gid"/>
            <xsl:with-param name="depth" select="0"/>
          </xsl:apply-templates>
        </ul>
      </xsl:when>
    </xsl:choose>
  </div>
</xsl:template>

<xsl:template name="obadge">
  <xsl:param name="r"/>
  <span class="ob o-{translate($r, ' ', '-')}">
    <xsl:call-template name="t"><xsl:with-param name="id" select="concat('o-', $r)"/></xsl:call-template>
  </span>
</xsl:template>

<xsl:template name="negated">
  <xsl:if test="@negate = 'true' or @negate = '1'">
    <span class="neg"><xsl:call-template name="t"><xsl:with-param name="id" select="'negated'"/></xsl:call-template></span>
    <xsl:text> </xsl:text>
  </xsl:if>
</xsl:template>

<xsl:template match="ores:criteria" mode="crit">
  <xsl:param name="gid"/>
  <xsl:param name="depth"/>
  <li>
    <span class="op"><xsl:value-of select="@operator"/>
      <xsl:if test="not(@operator)">AND</xsl:if></span>
    <xsl:text> </xsl:text>
    <xsl:call-template name="negated"/>
    <xsl:call-template name="obadge"><xsl:with-param name="r" select="@result"/></xsl:call-template>
    <ul>
      <xsl:apply-templates select="*" mode="crit">
        <xsl:with-param name="gid" select="$gid"/>
        <xsl:with-param name="depth" select="$depth"/>
      </xsl:apply-templates>
    </ul>
  </li>
</xsl:template>

<xsl:template match="ores:extend_definition" mode="crit">
  <xsl:param name="gid"/>
  <xsl:param name="depth"/>
  <xsl:variable name="ddef" select="(key('odefdef', concat($gid, ' ', @definition_ref))
      | key('odefdef', concat(' ', @definition_ref)))[1]"/>
  <xsl:variable name="dres" select="key('odefres', concat($gid, ' ', @definition_ref))[1]"/>
  <li>
    <xsl:call-template name="negated"/>
    <xsl:call-template name="obadge"><xsl:with-param name="r" select="@result"/></xsl:call-template>
    <xsl:text> </xsl:text>
    <xsl:if test="$ddef/odef:metadata/odef:title">
      <span class="otitle"><xsl:value-of select="$ddef/odef:metadata/odef:title"/></span>
      <xsl:text> </xsl:text>
    </xsl:if>
    <code><xsl:value-of select="@definition_ref"/></code>
    <xsl:if test="$depth &lt; $max-depth and $dres/ores:criteria and @result != 'not evaluated'">
      <ul>
        <xsl:apply-templates select="$dres/ores:criteria" mode="crit">
          <xsl:with-param name="gid" select="$gid"/>
          <xsl:with-param name="depth" select="$depth + 1"/>
        </xsl:apply-templates>
      </ul>
    </xsl:if>
  </li>
</xsl:template>

<!-- A test with its collected items (at most $max-items shown). When
     neither the results nor a data stream in the document carry the OVAL
     definitions, the comment and object are not known: the results and
     items still are. -->
<xsl:template match="ores:criterion" mode="crit">
  <xsl:param name="gid"/>
  <xsl:param name="depth"/>
  <xsl:variable name="tres" select="key('otestres', concat($gid, ' ', @test_ref))[1]"/>
  <xsl:variable name="tdef" select="(key('otestdef', concat($gid, ' ', @test_ref))
      | key('otestdef', concat(' ', @test_ref)))[1]"/>
  <xsl:variable name="obj" select="key('oobj', concat($gid, ' ', $tdef/*/@object_ref))[1]"/>
  <xsl:variable name="n" select="count($tres/ores:tested_item)"/>
  <li>
    <xsl:call-template name="negated"/>
    <xsl:call-template name="obadge"><xsl:with-param name="r" select="@result"/></xsl:call-template>
    <xsl:text> </xsl:text>
    <xsl:call-template name="t"><xsl:with-param name="id" select="'test'"/></xsl:call-template>
    <xsl:text> </xsl:text>
    <xsl:if test="$tdef/@comment">
      <span class="otitle"><xsl:value-of select="$tdef/@comment"/></span>
      <xsl:text> </xsl:text>
    </xsl:if>
    <code><xsl:value-of select="@test_ref"/></code>
    <xsl:if test="$tdef">
      <span class="rid"><xsl:value-of select="concat(' ', local-name($tdef))"/></span>
    </xsl:if>
    <xsl:if test="$tres">
      <span class="rid">
        <xsl:if test="$tres/@check_existence">
          <xsl:value-of select="concat(' check_existence=', $tres/@check_existence)"/>
        </xsl:if>
        <xsl:if test="$tres/@check">
          <xsl:value-of select="concat(' check=', $tres/@check)"/>
        </xsl:if>
        <xsl:if test="$tres/@state_operator">
          <xsl:value-of select="concat(' state_operator=', $tres/@state_operator)"/>
        </xsl:if>
      </span>
    </xsl:if>
    <xsl:if test="$obj">
      <div class="rid">
        <xsl:call-template name="t"><xsl:with-param name="id" select="'object'"/></xsl:call-template>
        <xsl:value-of select="concat(' ', $obj/@id, ': ', $obj/@flag)"/>
        <xsl:for-each select="$obj/osc:message">
          <xsl:value-of select="concat(' - ', .)"/>
        </xsl:for-each>
      </div>
    </xsl:if>
    <xsl:if test="$tres and @result != 'not evaluated'">
      <div class="items">
        <xsl:choose>
          <xsl:when test="$n = 0">
            <xsl:call-template name="t"><xsl:with-param name="id" select="'no-items'"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <span class="icount" data-count="{$n}">
              <xsl:call-template name="t">
                <xsl:with-param name="id" select="'items'"/>
                <xsl:with-param name="n" select="$n"/>
              </xsl:call-template>
            </span>
            <xsl:call-template name="items">
              <xsl:with-param name="gid" select="$gid"/>
              <xsl:with-param name="tested" select="$tres/ores:tested_item[position() &lt;= $max-items]"/>
            </xsl:call-template>
            <xsl:if test="$n &gt; $max-items">
              <div class="more" data-count="{$n - $max-items}">
                <xsl:call-template name="t">
                  <xsl:with-param name="id" select="'more-items'"/>
                  <xsl:with-param name="n" select="$n - $max-items"/>
                </xsl:call-template>
              </div>
            </xsl:if>
          </xsl:otherwise>
        </xsl:choose>
      </div>
    </xsl:if>
  </li>
</xsl:template>

<!-- Collected items as a table; the columns are the entities of the first
     item (the items of one test are of one type). -->
<xsl:template name="items">
  <xsl:param name="gid"/>
  <xsl:param name="tested"/>
  <xsl:variable name="first" select="key('oitem', concat($gid, ' ', $tested[1]/@item_id))[1]"/>
  <table class="it">
    <tr>
      <th><xsl:call-template name="t"><xsl:with-param name="id" select="'item'"/></xsl:call-template></th>
      <th><xsl:call-template name="t"><xsl:with-param name="id" select="'result'"/></xsl:call-template></th>
      <xsl:for-each select="$first/*">
        <xsl:if test="not(preceding-sibling::*[local-name() = local-name(current())])">
          <th><xsl:value-of select="local-name()"/></th>
        </xsl:if>
      </xsl:for-each>
    </tr>
    <xsl:for-each select="$tested">
      <xsl:variable name="item" select="key('oitem', concat($gid, ' ', @item_id))[1]"/>
      <tr>
        <td>
          <xsl:value-of select="@item_id"/>
          <xsl:if test="$item/@status and $item/@status != 'exists'">
            <xsl:value-of select="concat(' (', $item/@status, ')')"/>
          </xsl:if>
        </td>
        <td><xsl:value-of select="@result"/></td>
        <xsl:for-each select="$first/*">
          <xsl:if test="not(preceding-sibling::*[local-name() = local-name(current())])">
            <xsl:variable name="nm" select="local-name()"/>
            <td>
              <xsl:for-each select="$item/*[local-name() = $nm]">
                <xsl:if test="position() &gt; 1"><br/></xsl:if>
                <xsl:choose>
                  <xsl:when test="*">
                    <xsl:for-each select="*">
                      <xsl:if test="position() &gt; 1">; </xsl:if>
                      <xsl:value-of select="concat(@name, '=')"/>
                      <xsl:call-template name="cut"><xsl:with-param name="s" select="string(.)"/></xsl:call-template>
                    </xsl:for-each>
                  </xsl:when>
                  <xsl:when test="@status and @status != 'exists'">
                    <i><xsl:value-of select="@status"/></i>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:call-template name="cut"><xsl:with-param name="s" select="string(.)"/></xsl:call-template>
                  </xsl:otherwise>
                </xsl:choose>
              </xsl:for-each>
            </td>
          </xsl:if>
        </xsl:for-each>
      </tr>
    </xsl:for-each>
  </table>
</xsl:template>

<!-- ================================================================ -->
<!-- style and script (inline: the report works offline, from a file) -->

<xsl:template name="css">
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans CJK JP",Meiryo,sans-serif;margin:0 auto;max-width:1200px;padding:0 16px 32px;color:#1d232a}
h1{font-size:1.5em;margin:16px 0 8px}h2{font-size:1.25em;border-bottom:1px solid #ccd;padding-bottom:4px}h3{font-size:1em}h4{font-size:.95em;margin:12px 0 4px}h5{font-size:.9em;margin:8px 0 4px}
table{border-collapse:collapse}
.facts th{text-align:left;padding:2px 16px 2px 0;vertical-align:top;color:#555;font-weight:600}.facts td{padding:2px 0}
.rid{color:#666;font-size:.85em;word-break:break-all}
summary .rid{display:block}
.cards{display:flex;flex-wrap:wrap;gap:8px}
.card{border:1px solid #ccd;border-radius:6px;padding:6px 12px;min-width:90px;border-left-width:6px}
.card .n{display:block;font-size:1.5em;font-weight:700}.card .l{color:#444;font-size:.9em}
.bar{display:flex;height:14px;border-radius:4px;overflow:hidden;background:#eee;margin:8px 0 12px}
.r-pass{border-color:#2e7d32}.bar .r-pass,.badge.r-pass{background:#2e7d32}
.r-fixed{border-color:#00897b}.bar .r-fixed,.badge.r-fixed{background:#00897b}
.r-fail{border-color:#c62828}.bar .r-fail,.badge.r-fail{background:#c62828}
.r-error{border-color:#6a1b9a}.bar .r-error,.badge.r-error{background:#6a1b9a}
.r-unknown{border-color:#ef6c00}.bar .r-unknown,.badge.r-unknown{background:#ef6c00}
.r-notchecked{border-color:#8d6e63}.bar .r-notchecked,.badge.r-notchecked{background:#8d6e63}
.r-informational{border-color:#1565c0}.bar .r-informational,.badge.r-informational{background:#1565c0}
.r-notapplicable{border-color:#90a4ae}.bar .r-notapplicable,.badge.r-notapplicable{background:#90a4ae}
.r-notselected{border-color:#cfd8dc}.badge.r-notselected{background:#b0bec5}
.s-high{border-color:#b71c1c}.s-medium{border-color:#e65100}.s-low{border-color:#f9a825}.s-info,.s-unknown{border-color:#90a4ae}
td.s-high{color:#b71c1c;font-weight:700}td.s-medium{color:#e65100;font-weight:600}
.badge{color:#fff;border-radius:3px;padding:1px 6px;font-size:.85em;white-space:nowrap}
#filters fieldset{display:inline-block;border:1px solid #ccd;border-radius:6px;margin:0 8px 8px 0}
#filters label{margin-right:10px;white-space:nowrap;cursor:pointer}
/* A fixed layout: an automatic one of 1,000 rows costs the browser
   seconds while the page loads. */
#ruletable{width:100%;table-layout:fixed}
#ruletable thead th:nth-child(2){width:5.5em}#ruletable thead th:nth-child(3){width:7.5em}#ruletable thead th:nth-child(4){width:9.5em}
#ruletable td{overflow-wrap:anywhere}
#ruletable th,#ruletable td{border-bottom:1px solid #e3e6ea;padding:4px 6px;text-align:left;vertical-align:top}
#ruletable thead th{position:sticky;top:0;background:#f4f6f8;white-space:nowrap}
tr.gh th{background:#eef1f4;font-weight:600;font-size:.9em}
#ruletable td.idents{font-size:.85em;white-space:nowrap}
summary{cursor:pointer}
.det{padding:4px 0 8px 16px;border-left:3px solid #dde}
.det pre{white-space:pre-wrap;background:#f6f8fa;padding:6px;overflow-x:auto}
.det code,.det pre{font-size:.9em}
code.sub{background:#fff3cd;padding:0 2px}
.refs{font-size:.9em}.refs b{font-weight:600;color:#555}
.check{margin:4px 0 8px}
.oval{margin:4px 0}.otitle{font-style:italic}
ul.crit,ul.crit ul{list-style:none;padding-left:16px;margin:2px 0}
.ob{border-radius:3px;padding:0 5px;font-size:.8em;border:1px solid #999}
.o-true{background:#e8f5e9;border-color:#2e7d32}.o-false{background:#ffebee;border-color:#c62828}
.o-error{background:#f3e5f5}.o-unknown{background:#fff3e0}
.neg{font-size:.8em;color:#6a1b9a;font-weight:600}
.op{font-weight:600;font-size:.85em}
.items{margin:2px 0 6px}
table.it{font-size:.8em;margin-top:2px}
.items{overflow-x:auto}
table.it th,table.it td{border:1px solid #dde;padding:1px 4px;vertical-align:top}
table.it td{overflow-wrap:anywhere;max-width:420px;min-width:3em}
table.it th{background:#f4f6f8;white-space:nowrap}
.more{font-size:.85em;color:#555;font-style:italic}
.f-critical{border-color:#4a0072}.f-high{border-color:#b71c1c}.f-medium{border-color:#e65100}.f-low{border-color:#f9a825}.f-none,.f-unknown{border-color:#90a4ae}
td.sev .rid{font-weight:400;color:#666}td.f-critical{color:#4a0072;font-weight:700}td.f-high{color:#b71c1c;font-weight:700}td.f-medium{color:#e65100;font-weight:600}
#findingtable{width:100%;table-layout:fixed;margin-top:12px}
#findingtable thead th:nth-child(1){width:7.5em}#findingtable thead th:nth-child(2){width:12em}#findingtable thead th:nth-child(3){width:15em}#findingtable thead th:nth-child(5){width:16em}
#findingtable th,#findingtable td{border-bottom:1px solid #e3e6ea;padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
#findingtable thead th{background:#f4f6f8}
.cscore{font-size:1.2em;font-weight:700}.nocvss{font-style:italic;color:#555}
.vec,td.fids{font-family:ui-monospace,monospace;font-size:.8em;color:#444}
ul.ev{margin:2px 0;padding-left:16px;font-size:.85em}
details.fix{margin:2px 0 6px}
pre.fixscript{white-space:pre;max-height:32em;overflow:auto;background:#f6f8fa;padding:6px;font-size:.85em}
footer{margin-top:24px;color:#777;font-size:.85em}
@media print{#filters{display:none}}
</xsl:template>

<xsl:template name="js">
(function () {
	"use strict";
	var form = document.getElementById("filters");
	if (!form)
		return;
	var rows = document.querySelectorAll("#ruletable tr.rule");
	var groups = document.querySelectorAll("#ruletable tbody.grp");
	function apply() {
		var off = {}, shown = 0, i, j;
		var boxes = form.querySelectorAll("input[type=checkbox]");
		for (i = 0; i &lt; boxes.length; i++)
			if (!boxes[i].checked)
				off[boxes[i].name + ":" + boxes[i].value] = true;
		for (i = 0; i &lt; rows.length; i++) {
			var r = rows[i];
			var hide = !!(off["r:" + r.getAttribute("data-result")] ||
			    off["s:" + r.getAttribute("data-severity")]);
			/* Only changes: each write invalidates the style. */
			if (r.hidden !== hide)
				r.hidden = hide;
			if (!hide)
				shown++;
		}
		for (i = 0; i &lt; groups.length; i++) {
			var any = false, rr = groups[i].querySelectorAll("tr.rule");
			for (j = 0; j &lt; rr.length &amp;&amp; !any; j++)
				any = !rr[j].hidden;
			if (groups[i].hidden !== !any)
				groups[i].hidden = !any;
		}
		var s = document.getElementById("shown");
		s.textContent = shown;
		s.setAttribute("data-count", shown);
		/* Tests read this back to know the script ran to its end. */
		document.documentElement.setAttribute("data-ready", "1");
	}
	function openAll(open) {
		for (var i = 0; i &lt; rows.length; i++) {
			var d = rows[i].querySelector("details");
			if (d &amp;&amp; (!open || !rows[i].hidden))
				d.open = open;
		}
	}
	/* "#results=fail,error" in the address chooses the results shown
	   (a link to a filtered view; the tests use it too). */
	var m = /results=([a-z,]+)/.exec(location.hash);
	if (m) {
		var want = "," + m[1] + ",", rb = form.querySelectorAll("input[name=r]");
		for (var k = 0; k &lt; rb.length; k++)
			rb[k].checked = want.indexOf("," + rb[k].value + ",") &gt;= 0;
	}
	form.addEventListener("change", apply);
	document.getElementById("expand").addEventListener("click",
	    function () { openAll(true); });
	document.getElementById("collapse").addEventListener("click",
	    function () { openAll(false); });
	apply();
})();
</xsl:template>

</xsl:stylesheet>
