/* test-template.c: the bot a new document starts from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "va-bot.h"
#include "va-format.h"
#include "va-message-node.h"
#include "va-node.h"
#include "va-redirect-node.h"
#include "va-template.h"
#include "va-topic.h"

static void
test_every_system_topic_once (void)
{
  g_autoptr(VaBot) bot = va_template_new_bot ();
  GListModel *topics = va_bot_get_topics (bot);
  guint seen[VA_N_SYSTEM_TOPICS] = { 0, };

  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(VaTopic) topic = g_list_model_get_item (topics, i);

      seen[va_topic_get_system (topic)]++;
      g_assert_cmpuint (g_list_model_get_n_items (va_topic_get_nodes (topic)), >, 0);
      g_assert_nonnull (va_topic_find_node (topic, va_topic_get_start (topic), NULL));
    }
  for (int kind = VA_SYSTEM_TOPIC_NONE + 1; kind < VA_N_SYSTEM_TOPICS; kind++)
    {
      if (seen[kind] != 1)
        g_error ("system topic %s appears %u times", va_system_topic_to_string (kind), seen[kind]);
    }
  g_assert_cmpuint (seen[VA_SYSTEM_TOPIC_NONE], ==, 3);
}

static void
test_escalate_has_link_then_transfer (void)
{
  g_autoptr(VaBot) bot = va_template_new_bot ();
  VaTopic *escalate = va_bot_find_system_topic (bot, VA_SYSTEM_TOPIC_ESCALATE);
  VaNode *start = va_topic_find_node (escalate, va_topic_get_start (escalate), NULL);
  VaNode *next;

  g_assert_true (VA_IS_MESSAGE_NODE (start));
  g_assert_nonnull (strstr (va_message_node_get_text (VA_MESSAGE_NODE (start)), "[link]"));
  next = va_topic_find_node (escalate, va_node_get_next (start), NULL);
  g_assert_nonnull (next);
  g_assert_cmpint (va_node_get_kind (next), ==, VA_NODE_KIND_TRANSFER);
  g_assert_nonnull (va_topic_get_trigger_phrases (escalate));
}

static void
test_triggers_where_expected (void)
{
  g_autoptr(VaBot) bot = va_template_new_bot ();
  const VaSystemTopic with_triggers[] = {
    VA_SYSTEM_TOPIC_GREETING, VA_SYSTEM_TOPIC_THANK_YOU, VA_SYSTEM_TOPIC_GOODBYE,
    VA_SYSTEM_TOPIC_START_OVER, VA_SYSTEM_TOPIC_ESCALATE,
  };
  GListModel *topics = va_bot_get_topics (bot);

  for (guint i = 0; i < G_N_ELEMENTS (with_triggers); i++)
    {
      VaTopic *topic = va_bot_find_system_topic (bot, with_triggers[i]);

      g_assert_cmpuint (g_strv_length ((char **) va_topic_get_trigger_phrases (topic)), >=, 3);
    }

  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(VaTopic) topic = g_list_model_get_item (topics, i);

      if (va_topic_is_system (topic))
        continue;
      /* The samples are real conversations, not stubs. */
      g_assert_cmpuint (g_strv_length ((char **) va_topic_get_trigger_phrases (topic)), >=, 5);
      g_assert_cmpuint (g_list_model_get_n_items (va_topic_get_nodes (topic)), >=, 4);
    }
}

static void
test_redirects_resolve (void)
{
  g_autoptr(VaBot) bot = va_template_new_bot ();
  GListModel *topics = va_bot_get_topics (bot);
  guint n_redirects = 0;

  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(VaTopic) topic = g_list_model_get_item (topics, i);
      GListModel *nodes = va_topic_get_nodes (topic);

      for (guint j = 0; j < g_list_model_get_n_items (nodes); j++)
        {
          g_autoptr(VaNode) node = g_list_model_get_item (nodes, j);

          if (!VA_IS_REDIRECT_NODE (node))
            continue;
          n_redirects++;
          g_assert_nonnull (va_bot_find_topic (bot, va_redirect_node_get_topic (VA_REDIRECT_NODE (node)), NULL));
        }
    }
  g_assert_cmpuint (n_redirects, >=, 5);
}

/* The template in the source tree is in canonical form, so that saving a
 * new bot unchanged gives exactly the template.
 */
static void
test_canonical (void)
{
  g_autoptr(VaBot) bot = va_template_new_bot ();
  g_autofree char *saved = va_format_save_data (bot, NULL);
  g_autofree char *path = g_build_filename (g_getenv ("VA_SOURCE_DIR"), "src", "model", "new-bot.vabot", NULL);
  g_autofree char *source = NULL;

  g_assert_true (g_file_get_contents (path, &source, NULL, NULL));
  g_assert_cmpstr (saved, ==, source);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/template/every-system-topic-once", test_every_system_topic_once);
  g_test_add_func ("/template/escalate-has-link-then-transfer", test_escalate_has_link_then_transfer);
  g_test_add_func ("/template/triggers-where-expected", test_triggers_where_expected);
  g_test_add_func ("/template/redirects-resolve", test_redirects_resolve);
  g_test_add_func ("/template/canonical", test_canonical);

  return g_test_run ();
}
