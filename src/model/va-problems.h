/* va-problems.h — what is wrong with a bot, in words an author can act on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "va-types.h"
#include "va-bot.h"

G_BEGIN_DECLS

typedef enum
{
  VA_PROBLEM_ERROR,
  VA_PROBLEM_WARNING,
} VaProblemSeverity;

/* What a problem is about; the message says it in words, this lets code tell them apart. */
typedef enum
{
  VA_PROBLEM_KIND_UNREACHABLE_NODE,
  VA_PROBLEM_KIND_DANGLING_EDGE,
  VA_PROBLEM_KIND_NO_START,
  VA_PROBLEM_KIND_LINK_PLACEHOLDER,
  VA_PROBLEM_KIND_BAD_REDIRECT,
  VA_PROBLEM_KIND_UNSET_VARIABLE,
  VA_PROBLEM_KIND_NO_TRIGGER,
  VA_PROBLEM_KIND_SHARED_PHRASE,
  VA_PROBLEM_KIND_INVALID_URL,
  VA_PROBLEM_KIND_NO_OPTIONS,
  VA_PROBLEM_KIND_UNKNOWN_ENTITY,
  VA_PROBLEM_KIND_MISPLACED_TRANSFER,
} VaProblemKind;

#define VA_TYPE_PROBLEM_SEVERITY (va_problem_severity_get_type ())
#define VA_TYPE_PROBLEM_KIND (va_problem_kind_get_type ())
GType va_problem_severity_get_type (void) G_GNUC_CONST;
GType va_problem_kind_get_type (void) G_GNUC_CONST;

#define VA_TYPE_PROBLEM (va_problem_get_type ())
G_DECLARE_FINAL_TYPE (VaProblem, va_problem, VA, PROBLEM, GObject)

/* Properties (read-only): "severity", "kind", "topic-id", "node-id" (nullable), "message"
 * (translated, names the topic and node), "location" (translated "Topic › Message n3" for a
 * subtitle). */
VaProblemSeverity  va_problem_get_severity (VaProblem *self);
VaProblemKind      va_problem_get_kind     (VaProblem *self);
const char        *va_problem_get_topic_id (VaProblem *self);
const char        *va_problem_get_node_id  (VaProblem *self);
const char        *va_problem_get_message  (VaProblem *self);
const char        *va_problem_get_location (VaProblem *self);
gboolean           va_problem_equal        (VaProblem *a,
                                            VaProblem *b);

GListStore        *va_bot_check_problems   (VaBot     *bot);

G_END_DECLS
