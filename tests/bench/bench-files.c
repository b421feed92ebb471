/* bench-files.c — time to open and to save a big .vabot file
 *
 * Builds a bot of N topics x M nodes in memory (every node kind, with texts, choices,
 * condition branches, action mappings, edges and canvas positions), saves it to a temporary
 * file and then, several times over, opens that file (va_format_load_file) and saves the bot
 * it read (va_format_save_file). Each save must give back the bytes of the first one: the
 * round trip loses nothing. One line:
 *   topics=1000 nodes_per_topic=50 file_mb=… open_median_ms=… save_median_ms=… peak_rss_mb=…
 * peak_rss_mb is the peak resident size of the whole process, which holds one bot at a time.
 *
 * Bar (DESIGN.md section 8): 1,000 topics x 50 nodes open and save in under 300 ms each,
 * under 200 MB resident. Run it through tests/bench/run-files-bench.sh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _POSIX_C_SOURCE 200809L /* getrusage () under -std=c11 */

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "va-action-node.h"
#include "va-bot.h"
#include "va-choice.h"
#include "va-clause.h"
#include "va-condition-branch.h"
#include "va-condition-node.h"
#include "va-end-node.h"
#include "va-entity.h"
#include "va-entity-item.h"
#include "va-escalate-node.h"
#include "va-format.h"
#include "va-message-node.h"
#include "va-question-node.h"
#include "va-redirect-node.h"
#include "va-response-mapping.h"
#include "va-set-variable-node.h"
#include "va-topic.h"
#include "va-transfer-node.h"
#include "va-variable.h"

static const char * const words[] = {
  "order", "store", "refund", "delivery", "address", "please", "thanks", "your", "we", "can",
  "help", "with", "the", "return", "label", "today", "open", "hours", "agent", "email",
  "café", "naïve", "\"quoted\"", "tab\there", "line\nbreak", "back\\slash", "größe", "日本",
};

/* A sentence of @n words, the same for the same seed. */
static char *
sentence (guint seed,
          guint n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      seed = seed * 1103515245u + 12345u;
      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", words[(seed >> 16) % G_N_ELEMENTS (words)]);
    }
  return g_string_free (text, FALSE);
}

static char *
node_id (guint i)
{
  return g_strdup_printf ("n%u", i + 1);
}

/* Node @i of @n in topic @t: a repeating pattern of kinds; edges lead forward. */
static VaNode *
make_node (guint t,
           guint i,
           guint n)
{
  g_autofree char *id = node_id (i);
  g_autofree char *next = node_id (i + 1);
  g_autofree char *skip = node_id (MIN (i + 2, n - 1));
  g_autofree char *text = sentence (t * 1000 + i, 6 + i % 9);
  VaNode *node;

  if (i == n - 1)
    {
      switch (t % 3)
        {
        case 0:
          node = VA_NODE (va_end_node_new (id));
          va_end_node_set_survey (VA_END_NODE (node), TRUE);
          break;
        case 1:
          node = VA_NODE (va_escalate_node_new (id));
          break;
        default:
          node = VA_NODE (va_transfer_node_new (id));
          va_transfer_node_set_agent_message (VA_TRANSFER_NODE (node), text);
        }
      va_node_set_position (node, 0, (int) i * 160);
      return node;
    }

  switch (i % 10)
    {
    case 1:
      {
        VaQuestionNode *q = va_question_node_new (id);
        GListStore *options = G_LIST_STORE (va_question_node_get_options (q));

        va_question_node_set_prompt (q, text);
        va_question_node_set_variable (q, "Choice");
        va_question_node_set_reprompt (q, "Please pick one of the options.");
        for (guint o = 0; o < 3; o++)
          {
            g_autoptr(VaChoice) choice = va_choice_new ();
            g_autofree char *label = sentence (t * 7 + i * 3 + o, 2);
            g_autofree char *synonym = sentence (t + i + o, 1);
            const char *synonyms[] = { synonym, "other", NULL };

            va_choice_set_label (choice, label);
            if (o != 1)
              va_choice_set_synonyms (choice, synonyms);
            va_choice_set_next (choice, o == 2 ? skip : next);
            g_list_store_append (options, choice);
          }
        node = VA_NODE (q);
      }
      break;

    case 3:
      {
        VaSetVariableNode *s = va_set_variable_node_new (id);

        va_set_variable_node_set_variable (s, "Summary");
        va_set_variable_node_set_value (s, "{Choice} and {Count}");
        node = VA_NODE (s);
      }
      break;

    case 4:
      {
        VaConditionNode *c = va_condition_node_new (id);
        GListStore *branches = G_LIST_STORE (va_condition_node_get_branches (c));

        for (guint b = 0; b < 2; b++)
          {
            g_autoptr(VaConditionBranch) branch = va_condition_branch_new ();
            GListStore *clauses = G_LIST_STORE (va_condition_branch_get_clauses (branch));

            va_condition_branch_set_join (branch, b == 0 ? VA_JOIN_ALL : VA_JOIN_ANY);
            va_condition_branch_set_next (branch, b == 0 ? next : skip);
            for (guint k = 0; k <= b; k++)
              {
                g_autoptr(VaClause) clause = va_clause_new ();

                va_clause_set_variable (clause, k == 0 ? "Count" : "Choice");
                va_clause_set_operator (clause, k == 0 ? VA_OPERATOR_GREATER : VA_OPERATOR_CONTAINS);
                va_clause_set_value (clause, k == 0 ? "5" : "pizza");
                g_list_store_append (clauses, clause);
              }
            g_list_store_append (branches, branch);
          }
        va_condition_node_set_else_next (c, skip);
        node = VA_NODE (c);
      }
      break;

    case 6:
      {
        VaActionNode *a = va_action_node_new (id);
        GListStore *mappings = G_LIST_STORE (va_action_node_get_mappings (a));
        const char *headers[] = { "Accept: application/json", "X-Topic: {Choice}", NULL };
        g_autofree char *url = g_strdup_printf ("https://api.example.com/v1/topic%u/item?count={Count}", t);

        va_action_node_set_method (a, i % 20 == 6 ? VA_HTTP_METHOD_POST : VA_HTTP_METHOD_GET);
        va_action_node_set_url (a, url);
        va_action_node_set_headers (a, headers);
        if (i % 20 == 6)
          va_action_node_set_body (a, "{\"count\": \"{Count}\", \"choice\": \"{Choice}\"}");
        va_action_node_set_timeout (a, 5);
        va_action_node_set_failure_next (a, skip);
        for (guint m = 0; m < 2; m++)
          {
            g_autoptr(VaResponseMapping) mapping = va_response_mapping_new ();

            va_response_mapping_set_path (mapping, m == 0 ? "$.price" : "$.eta");
            va_response_mapping_set_variable (mapping, m == 0 ? "Price" : "Eta");
            g_list_store_append (mappings, mapping);
          }
        node = VA_NODE (a);
      }
      break;

    case 7:
      {
        VaQuestionNode *q = va_question_node_new (id);

        va_question_node_set_prompt (q, "How many would you like?");
        va_question_node_set_mode (q, VA_QUESTION_MODE_ENTITY);
        va_question_node_set_entity (q, i % 20 == 7 ? "integer" : "size");
        va_question_node_set_variable (q, "Count");
        va_question_node_set_retries (q, 1);
        va_question_node_set_on_failure (q, VA_FAILURE_ACTION_CONTINUE);
        node = VA_NODE (q);
      }
      break;

    case 9:
      {
        VaRedirectNode *r = va_redirect_node_new (id);
        g_autofree char *topic = g_strdup_printf ("topic-%u", (t + 1) % 1000);

        va_redirect_node_set_topic (r, topic);
        node = VA_NODE (r);
      }
      break;

    default:
      {
        VaMessageNode *m = va_message_node_new (id);

        va_message_node_set_text (m, text);
        if (i % 10 == 5)
          {
            g_autofree char *variation = sentence (t + i * 31, 5);
            const char *variations[] = { variation, "Anything else?", NULL };

            va_message_node_set_variations (m, variations);
          }
        node = VA_NODE (m);
      }
    }

  if (va_node_has_next (node))
    va_node_set_next (node, next);
  va_node_set_position (node, (int) (i % 4) * 320 - 480, (int) i * 160);
  return node;
}

static VaBot *
make_bot (guint n_topics,
          guint n_nodes)
{
  VaBot *bot = va_bot_new ();
  GListStore *topics = G_LIST_STORE (va_bot_get_topics (bot));
  g_autoptr(VaEntity) entity = va_entity_new ();
  g_autoptr(VaVariable) variable = va_variable_new ();
  const char *sizes[][3] = { { "small", "little", NULL }, { "medium", NULL }, { "large", "big", NULL } };

  va_bot_set_id (bot, "bench");
  va_bot_set_name (bot, "Benchmark bot");
  va_bot_set_hub_link (bot, "https://hub.example.com/chat");

  va_variable_set_name (variable, "CustomerId");
  va_variable_set_scope (variable, VA_VARIABLE_SCOPE_BOT);
  va_variable_set_description (variable, "The customer's account number");
  g_list_store_append (G_LIST_STORE (va_bot_get_variables (bot)), variable);

  va_entity_set_id (entity, "size");
  va_entity_set_name (entity, "Size");
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(VaEntityItem) item = va_entity_item_new ();

      va_entity_item_set_value (item, sizes[i][0]);
      va_entity_item_set_synonyms (item, &sizes[i][1]);
      g_list_store_append (G_LIST_STORE (va_entity_get_items (entity)), item);
    }
  g_list_store_append (G_LIST_STORE (va_bot_get_entities (bot)), entity);

  for (guint t = 0; t < n_topics; t++)
    {
      g_autoptr(VaTopic) topic = va_topic_new ();
      g_autoptr(GStrvBuilder) phrases = g_strv_builder_new ();
      g_auto(GStrv) strv = NULL;
      g_autofree char *id = g_strdup_printf ("topic-%u", t);
      g_autofree char *name = g_strdup_printf ("Topic %u", t);
      g_autofree char *description = sentence (t, 8);
      g_autoptr(VaVariable) topic_variable = va_variable_new ();

      va_topic_set_id (topic, id);
      va_topic_set_name (topic, name);
      va_topic_set_description (topic, description);
      if (t % 17 == 3)
        va_topic_set_enabled (topic, FALSE);
      for (guint p = 0; p < 10; p++)
        {
          g_autofree char *phrase = sentence (t * 13 + p, 3 + p % 5);

          g_strv_builder_add (phrases, phrase);
        }
      strv = g_strv_builder_end (phrases);
      va_topic_set_trigger_phrases (topic, (const char * const *) strv);
      va_topic_set_start (topic, "n1");
      va_variable_set_name (topic_variable, "Choice");
      va_variable_set_data_type (topic_variable, VA_VARIABLE_TYPE_CHOICE);
      g_list_store_append (G_LIST_STORE (va_topic_get_variables (topic)), topic_variable);

      for (guint i = 0; i < n_nodes; i++)
        {
          g_autoptr(VaNode) node = make_node (t, i, n_nodes);

          g_list_store_append (G_LIST_STORE (va_topic_get_nodes (topic)), node);
        }
      g_list_store_append (topics, topic);
    }

  return bot;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *v,
        guint   n)
{
  qsort (v, n, sizeof (double), compare_double);
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static gboolean
file_equals (GFile        *file,
             const char   *data,
             gsize         length)
{
  g_autofree char *contents = NULL;
  gsize contents_length = 0;

  if (!g_file_load_contents (file, NULL, &contents, &contents_length, NULL, NULL))
    return FALSE;
  return contents_length == length && memcmp (contents, data, length) == 0;
}

int
main (int    argc,
      char **argv)
{
  int n_topics = 1000;
  int n_nodes = 50;
  int runs = 7;
  GOptionEntry entries[] = {
    { "topics", 't', 0, G_OPTION_ARG_INT, &n_topics, "Number of topics (1000)", "N" },
    { "nodes", 'n', 0, G_OPTION_ARG_INT, &n_nodes, "Nodes per topic (50)", "N" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Repetitions of open and save (7)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— time to open and save a big bot");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) copy = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *copy_path = NULL;
  g_autofree char *backup_path = NULL;
  g_autofree char *expected = NULL;
  g_autofree double *open_ms = NULL;
  g_autofree double *save_ms = NULL;
  gsize expected_length = 0;
  struct rusage usage;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-files: %s\n", error->message);
      return 2;
    }
  if (n_topics < 1 || n_nodes < 2 || runs < 1)
    {
      g_printerr ("bench-files: --topics, --nodes (at least 2) and --runs must be positive\n");
      return 2;
    }

  dir = g_dir_make_tmp ("bench-files-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("bench-files: %s\n", error->message);
      return 1;
    }
  path = g_build_filename (dir, "big.vabot", NULL);
  copy_path = g_build_filename (dir, "copy.vabot", NULL);
  backup_path = g_strconcat (copy_path, "~", NULL);
  file = g_file_new_for_path (path);
  copy = g_file_new_for_path (copy_path);

  {
    g_autoptr(VaBot) bot = make_bot ((guint) n_topics, (guint) n_nodes);

    if (!va_format_save_file (bot, file, NULL, &error))
      {
        g_printerr ("bench-files: %s\n", error->message);
        return 1;
      }
    expected = va_format_save_data (bot, &expected_length);
  }

  open_ms = g_new0 (double, runs);
  save_ms = g_new0 (double, runs);
  for (int r = 0; r < runs; r++)
    {
      g_autoptr(VaBot) bot = NULL;
      gint64 start;

      start = g_get_monotonic_time ();
      bot = va_format_load_file (file, NULL, &error);
      open_ms[r] = (g_get_monotonic_time () - start) / 1000.0;
      if (bot == NULL)
        {
          g_printerr ("bench-files: the saved bot does not open: %s\n", error->message);
          return 1;
        }

      start = g_get_monotonic_time ();
      if (!va_format_save_file (bot, copy, NULL, &error))
        {
          g_printerr ("bench-files: %s\n", error->message);
          return 1;
        }
      save_ms[r] = (g_get_monotonic_time () - start) / 1000.0;

      if (!file_equals (copy, expected, expected_length))
        {
          g_printerr ("bench-files: the bot opened and saved again differs from the one saved\n");
          return 1;
        }
    }

  getrusage (RUSAGE_SELF, &usage);
  printf ("topics=%d nodes_per_topic=%d file_mb=%.1f open_median_ms=%.0f save_median_ms=%.0f "
          "peak_rss_mb=%.0f\n",
          n_topics, n_nodes, expected_length / (1024.0 * 1024.0), median (open_ms, runs),
          median (save_ms, runs), usage.ru_maxrss / 1024.0);

  g_unlink (path);
  g_unlink (copy_path);
  g_unlink (backup_path);
  g_rmdir (dir);
  return 0;
}
