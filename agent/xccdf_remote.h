/*
 * Private to agent/cmd_xccdf.c: `kensa xccdf eval --fetch-remote-resources`
 * makes the remote resources of a data stream (https component-refs and
 * check hrefs) local files through the feed cache. Nothing else of
 * agent/ uses it.
 */
#ifndef KS_AGENT_XCCDF_REMOTE_H
#define KS_AGENT_XCCDF_REMOTE_H

#include "agent/agent.h"

struct agent_remote;

/*
 * A fetcher for one evaluation, reading the feeds configuration and cache
 * that fa names (--feeds-config, --feeds-cache-dir; the defaults of the
 * feed commands otherwise) only when a first URL is asked for. fa is
 * borrowed and must outlive it. Free with agent_remote_free after the
 * evaluation: it removes the decompressed copies and lets the cached
 * copies go.
 */
void agent_remote_new(struct agent_remote **out,
    const struct agent_feeds_age *fa);
void agent_remote_free(struct agent_remote *r);	/* NULL ok */

/*
 * The xccdf_eval_opts fetch callback (payload: the agent_remote). The
 * first call for a URL updates its cached copy (feed_cache_update: HTTPS
 * with peer verification, the [global] caps, timeouts and retries of the
 * feeds configuration, a conditional GET against the cached copy), checks
 * a new download before it is switched in (decompressed once under the
 * archive caps, an OVAL definitions document, an XCCDF Benchmark or a
 * Tailoring), and holds the copy for the evaluation. When the update
 * fails but a copy is cached, the copy is used with one warning naming
 * the URL, its age and why; otherwise one warning and a negative KS_*
 * code with the message "cannot fetch remote resource URL: reason".
 * Later calls for the URL answer the same.
 */
int agent_remote_fetch(const char *url, const char **path, void *payload);

#endif /* KS_AGENT_XCCDF_REMOTE_H */
