<?xml version="1.0"?>
<!-- One line per finding, in document order: what check.sh compares. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:f="urn:kensa:findings:1">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:template match="/f:findings">
    <xsl:for-each select="f:summary/@*">
      <xsl:value-of select="concat(name(), '=', ., ' ')"/>
    </xsl:for-each>
    <xsl:text>&#10;</xsl:text>
    <xsl:for-each select="f:finding">
      <xsl:value-of select="concat(@id, ' ', @severity, '/', @severity-basis)"/>
      <xsl:for-each select="f:ids/f:cve | f:ids/f:jvndb">
        <xsl:value-of select="concat(' ', .)"/>
      </xsl:for-each>
      <xsl:for-each select="f:affected/f:package">
        <xsl:value-of select="concat(' pkg=', @name, ':', @installed, '->', @fixed)"/>
      </xsl:for-each>
      <xsl:for-each select="f:cvss">
        <xsl:value-of select="concat(' cvss=', @score, '/', @severity, '/v', @version, '/', @source, '/', .)"/>
      </xsl:for-each>
      <xsl:for-each select="f:no-cvss">
        <xsl:value-of select="concat(' no-cvss=', @reason)"/>
      </xsl:for-each>
      <xsl:for-each select="f:vendor-severity">
        <xsl:value-of select="concat(' vendor=', @source, ':', .)"/>
      </xsl:for-each>
      <xsl:for-each select="f:evidence/f:score">
        <xsl:value-of select="concat(' ev=', @status, '/v', @version, '/', @score, '/', .)"/>
      </xsl:for-each>
      <xsl:value-of select="concat(' title[', f:title/@lang, ']=', f:title)"/>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
