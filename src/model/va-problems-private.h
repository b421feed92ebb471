/* va-problems-private.h — shared by the files of the bot's problems list
 *
 * va-problems.c keeps VaProblem, how a problem is reported, and the pass over the bot that
 * va_bot_check_problems() makes; va-problems-topics.c checks each topic's graph, redirects and
 * trigger phrases; va-problems-nodes.c what each node kind needs, and the http addresses of the
 * bot settings; va-problems-variables.c {Variable} references and variables that nothing sets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "va-problems.h"
#include "va-node.h"
#include "va-redirect-node.h"
#include "va-topic.h"

G_BEGIN_DECLS

/* A variable that a node reads, checked once the whole bot is known to see if anything sets it. */
typedef struct
{
  char *name;
  guint topic_pos;
  guint node_pos;
} VaVariableRead;

/* What one va_bot_check_problems() pass has found so far, and where it is. */
typedef struct
{
  VaBot *bot;
  GPtrArray *problems;          /* of VaProblem */
  guint serial;

  GPtrArray *topics;            /* of VaTopic, in the bot's order */
  GHashTable *topic_index;      /* topic id → position + 1 */
  GHashTable *entity_ids;       /* custom entity ids */
  GHashTable *set_variables;    /* names (owned) that something sets */
  GArray *reads;                /* of VaVariableRead */
  GHashTable *redirected;       /* topic ids that a redirect node names */
  gboolean hub_link_empty;

  /* the topic and node being looked at */
  VaTopic *topic;
  guint topic_pos;
  VaNode *node;
  guint node_pos;
  guint node_reads_start;       /* first entry of reads for this node */
  GHashTable *node_index;       /* node id → position + 1, for the current topic */
} VaProblemsChecker;

/* va-problems.c */
gboolean     va_problems_is_blank                 (const char        *text);
const char  *va_problems_topic_name               (VaTopic           *topic);
char        *va_problems_node_label               (VaNode            *node);
void         va_problems_add_problem_at           (VaProblemsChecker *c,
                                                   VaProblemSeverity  severity,
                                                   VaProblemKind      kind,
                                                   VaTopic           *topic,
                                                   guint              topic_pos,
                                                   VaNode            *node,
                                                   guint              node_pos,
                                                   char              *message);
void         va_problems_add_node_problem         (VaProblemsChecker *c,
                                                   VaProblemSeverity  severity,
                                                   VaProblemKind      kind,
                                                   char              *message);
void         va_problems_add_topic_problem        (VaProblemsChecker *c,
                                                   VaProblemSeverity  severity,
                                                   VaProblemKind      kind,
                                                   char              *message);

/* va-problems-topics.c */
void         va_problems_check_topic              (VaProblemsChecker *c);
void         va_problems_check_edge               (VaProblemsChecker *c,
                                                   const char        *label,
                                                   const char        *target);
void         va_problems_check_redirect           (VaProblemsChecker *c,
                                                   VaRedirectNode    *node);
void         va_problems_check_unreachable_topics (VaProblemsChecker *c);
void         va_problems_check_shared_phrases     (VaProblemsChecker *c);

/* va-problems-nodes.c */
void         va_problems_check_node               (VaProblemsChecker *c);
void         va_problems_check_hub_addresses      (VaProblemsChecker *c);

/* va-problems-variables.c */
char        *va_problems_replace_references       (const char        *text,
                                                   const char        *value);
void         va_problems_variable_read_clear      (gpointer           data);
void         va_problems_note_template            (VaProblemsChecker *c,
                                                   const char        *text);
void         va_problems_note_plain_read          (VaProblemsChecker *c,
                                                   const char        *name);
void         va_problems_note_set                 (VaProblemsChecker *c,
                                                   const char        *name);
void         va_problems_check_unset_variables    (VaProblemsChecker *c);

G_END_DECLS
