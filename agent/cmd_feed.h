/*
 * `kensa feed` (list, update, show and verify the feed cache) and `kensa
 * jvn` (ask the MyJVN API). The work is done in feeds/; this is only the
 * command line.
 */
#ifndef KS_AGENT_CMD_FEED_H
#define KS_AGENT_CMD_FEED_H

/*
 * Runs `kensa feed [--config FILE] [--cache-dir DIR] SUBCOMMAND ...`;
 * argv[0] is "feed". Subcommands: list, update [SOURCE...], show SOURCE,
 * verify [SOURCE...]. Returns the exit status: 0 when everything asked
 * for succeeded, 1 when any source failed or on a usage error (one line
 * per failure on stderr naming the source, URL and reason).
 */
int agent_cmd_feed(int argc, char **argv);

/*
 * Runs `kensa jvn [--config FILE] [--source NAME] SUBCOMMAND ...`;
 * argv[0] is "jvn". Subcommands: overview --cpe CPE|--keyword WORD
 * [--from YYYY[-MM]] [--to YYYY[-MM]] [--lang ja|en], detail JVNDB-ID,
 * vendors [--cpe|--keyword], products --cpe CPE|--keyword WORD.
 * Returns 0, or 1 on any error (message on stderr).
 */
int agent_cmd_jvn(int argc, char **argv);

#endif /* KS_AGENT_CMD_FEED_H */
