/* va-problems-topics.c — the problems of topics: each topic's graph (its start node, edges that
 * lead nowhere, nodes its start never reaches), redirects to topics that are missing or turned
 * off, custom topics that never start, and trigger phrases two topics share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "va-problems-private.h"
#include "va-node.h"
#include "va-redirect-node.h"
#include "va-topic.h"

void
va_problems_check_edge (VaProblemsChecker *c,
                        const char        *label,
                        const char        *target)
{
  g_autofree char *node = NULL;

  if (target == NULL || target[0] == '\0' || g_hash_table_contains (c->node_index, target))
    return;
  node = va_problems_node_label (c->node);
  if (label != NULL && label[0] != '\0')
    va_problems_add_node_problem (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_DANGLING_EDGE,
                                  g_strdup_printf (_("The “%s” branch of %s in “%s” leads to node "
                                                     "“%s”, which does not exist."),
                                                   label, node, va_problems_topic_name (c->topic),
                                                   target));
  else
    va_problems_add_node_problem (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_DANGLING_EDGE,
                                  g_strdup_printf (_("%s in “%s” leads to node “%s”, which does "
                                                     "not exist."),
                                                   node, va_problems_topic_name (c->topic),
                                                   target));
}

void
va_problems_check_redirect (VaProblemsChecker *c,
                            VaRedirectNode    *node)
{
  const char *target = va_redirect_node_get_topic (node);
  g_autofree char *label = va_problems_node_label (c->node);
  const char *topic_name = va_problems_topic_name (c->topic);
  guint pos;

  if (target == NULL || target[0] == '\0')
    {
      va_problems_add_node_problem (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_BAD_REDIRECT,
                                    g_strdup_printf (_("%s in “%s” does not say which topic to go "
                                                       "to."),
                                                     label, topic_name));
      return;
    }

  g_hash_table_add (c->redirected, (gpointer) target);
  pos = GPOINTER_TO_UINT (g_hash_table_lookup (c->topic_index, target));
  if (pos == 0)
    {
      va_problems_add_node_problem (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_BAD_REDIRECT,
                                    g_strdup_printf (_("%s in “%s” redirects to the topic “%s”, "
                                                       "which does not exist."),
                                                     label, topic_name, target));
    }
  else
    {
      VaTopic *other = g_ptr_array_index (c->topics, pos - 1);

      /* The runtime stops with the On error topic there. */
      if (!va_topic_get_enabled (other))
        va_problems_add_node_problem (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_BAD_REDIRECT,
                                      g_strdup_printf (_("%s in “%s” redirects to “%s”, which is "
                                                         "turned off."),
                                                       label, topic_name,
                                                       va_problems_topic_name (other)));
    }
}

/* The graph checks of one topic: the start, every edge, and what the start never leads to. */
void
va_problems_check_topic (VaProblemsChecker *c)
{
  GListModel *nodes = va_topic_get_nodes (c->topic);
  guint n = g_list_model_get_n_items (nodes);
  const char *start = va_topic_get_start (c->topic);
  guint start_pos = 0;
  g_autoptr(GPtrArray) node_refs = g_ptr_array_new_full (n, g_object_unref);
  g_autoptr(GArray) offsets = g_array_sized_new (FALSE, FALSE, sizeof (guint), n + 1);
  g_autoptr(GArray) targets = g_array_sized_new (FALSE, FALSE, sizeof (guint), n * 2);

  g_hash_table_remove_all (c->node_index);
  for (guint j = 0; j < n; j++)
    {
      VaNode *node = g_list_model_get_item (nodes, j);
      const char *id = va_node_get_id (node);

      g_ptr_array_add (node_refs, node);
      if (id != NULL && !g_hash_table_contains (c->node_index, id))
        g_hash_table_insert (c->node_index, (gpointer) id, GUINT_TO_POINTER (j + 1));
    }

  if (n > 0 && (start == NULL || start[0] == '\0'))
    va_problems_add_topic_problem (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_NO_START,
                                   g_strdup_printf (_("“%s” has nodes but no start node, so it "
                                                      "does nothing."),
                                                    va_problems_topic_name (c->topic)));
  else if (start != NULL && start[0] != '\0' &&
           (start_pos = GPOINTER_TO_UINT (g_hash_table_lookup (c->node_index, start))) == 0)
    va_problems_add_topic_problem (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_DANGLING_EDGE,
                                   g_strdup_printf (_("“%s” starts at node “%s”, which does not "
                                                      "exist."),
                                                    va_problems_topic_name (c->topic), start));

  for (guint j = 0; j < n; j++)
    {
      g_autoptr(GPtrArray) ports = NULL;

      c->node = g_ptr_array_index (node_refs, j);
      c->node_pos = j;
      g_array_append_val (offsets, targets->len);

      ports = va_node_list_ports (c->node);
      for (guint p = 0; p < ports->len; p++)
        {
          VaPort *port = g_ptr_array_index (ports, p);
          const char *target = va_port_get_target (port);
          guint target_pos;

          if (target == NULL || target[0] == '\0')
            continue;
          target_pos = GPOINTER_TO_UINT (g_hash_table_lookup (c->node_index, target));
          if (target_pos == 0)
            va_problems_check_edge (c, port->label, target);
          else
            {
              target_pos--;
              g_array_append_val (targets, target_pos);
            }
        }
      va_problems_check_node (c);
    }
  g_array_append_val (offsets, targets->len);

  /* Reachability, only when there is a start to reach from: otherwise every node would be
   * reported along with the missing start. */
  if (start_pos > 0)
    {
      g_autofree gboolean *seen = g_new0 (gboolean, n);
      g_autofree guint *queue = g_new (guint, n);
      guint head = 0, tail = 0;

      seen[start_pos - 1] = TRUE;
      queue[tail++] = start_pos - 1;
      while (head < tail)
        {
          guint j = queue[head++];

          for (guint e = g_array_index (offsets, guint, j); e < g_array_index (offsets, guint, j + 1); e++)
            {
              guint k = g_array_index (targets, guint, e);

              if (!seen[k])
                {
                  seen[k] = TRUE;
                  queue[tail++] = k;
                }
            }
        }

      for (guint j = 0; j < n; j++)
        {
          g_autofree char *label = NULL;

          if (seen[j])
            continue;
          c->node = g_ptr_array_index (node_refs, j);
          c->node_pos = j;
          label = va_problems_node_label (c->node);
          va_problems_add_node_problem (c, VA_PROBLEM_WARNING, VA_PROBLEM_KIND_UNREACHABLE_NODE,
                                        g_strdup_printf (_("%s in “%s” can never be reached from "
                                                           "the start of the topic."),
                                                         label, va_problems_topic_name (c->topic)));
        }
    }
  c->node = NULL;
}

/* Casefolded, without whitespace and punctuation: "Where's my order?" and "wheres my order" are
 * the same phrase to the recognizer's users. */
static char *
normalize_phrase (const char *phrase)
{
  g_autofree char *folded = g_utf8_casefold (phrase, -1);
  g_autofree char *normalized = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
  GString *out;

  if (normalized == NULL)
    return NULL;
  out = g_string_sized_new (strlen (normalized));
  for (const char *p = normalized; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (g_unichar_isalnum (ch) || g_unichar_ismark (ch))
        g_string_append_unichar (out, ch);
    }
  return g_string_free (out, FALSE);
}

static gboolean
has_trigger_phrases (VaTopic *topic)
{
  const char * const *phrases = va_topic_get_trigger_phrases (topic);

  for (guint i = 0; phrases != NULL && phrases[i] != NULL; i++)
    if (!va_problems_is_blank (phrases[i]))
      return TRUE;
  return FALSE;
}

/* System topics own their phrases first, so a custom topic that repeats "hello" is the one told,
 * not Greeting; among topics of the same sort the first in the bot keeps the phrase. */
void
va_problems_check_shared_phrases (VaProblemsChecker *c)
{
  g_autoptr(GHashTable) owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint pass = 0; pass < 2; pass++)
    for (guint t = 0; t < c->topics->len; t++)
      {
        VaTopic *topic = g_ptr_array_index (c->topics, t);
        const char * const *phrases = va_topic_get_trigger_phrases (topic);

        if (va_topic_is_system (topic) != (pass == 0) || !va_topic_get_enabled (topic))
          continue;
        for (guint i = 0; phrases != NULL && phrases[i] != NULL; i++)
          {
            char *key = normalize_phrase (phrases[i]);
            gpointer owner;
            VaTopic *other;

            if (key == NULL || key[0] == '\0')
              {
                g_free (key);
                continue;
              }
            if (!g_hash_table_lookup_extended (owners, key, NULL, &owner))
              {
                g_hash_table_insert (owners, key, GUINT_TO_POINTER (t));
                continue;
              }
            g_free (key);
            if (GPOINTER_TO_UINT (owner) == t)
              continue;
            other = g_ptr_array_index (c->topics, GPOINTER_TO_UINT (owner));
            va_problems_add_problem_at (c, VA_PROBLEM_WARNING, VA_PROBLEM_KIND_SHARED_PHRASE, topic,
                                        t, NULL, 0,
                                        g_strdup_printf (_("The trigger phrase “%s” of “%s” is "
                                                           "also a trigger phrase of “%s”."),
                                                         phrases[i], va_problems_topic_name (topic),
                                                         va_problems_topic_name (other)));
          }
      }
}

void
va_problems_check_unreachable_topics (VaProblemsChecker *c)
{
  for (guint t = 0; t < c->topics->len; t++)
    {
      VaTopic *topic = g_ptr_array_index (c->topics, t);

      if (va_topic_is_system (topic) || !va_topic_get_enabled (topic) || has_trigger_phrases (topic) ||
          g_hash_table_contains (c->redirected, va_topic_get_id (topic)))
        continue;
      va_problems_add_problem_at (c, VA_PROBLEM_WARNING, VA_PROBLEM_KIND_NO_TRIGGER, topic, t,
                                  NULL, 0,
                                  g_strdup_printf (_("“%s” has no trigger phrases and no topic "
                                                     "redirects to it, so it never starts."),
                                                   va_problems_topic_name (topic)));
    }
}
