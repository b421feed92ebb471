/* va-problems-nodes.c — what each node kind is checked for: the Escalate topic's "[link]"
 * placeholder, a question's options and entity, an action's address, a Transfer outside the
 * Escalate topic; and the http addresses in the bot settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "va-problems-private.h"
#include "va-action-node.h"
#include "va-choice.h"
#include "va-clause.h"
#include "va-condition-branch.h"
#include "va-condition-node.h"
#include "va-entity.h"
#include "va-message-node.h"
#include "va-node.h"
#include "va-question-node.h"
#include "va-response-mapping.h"
#include "va-set-variable-node.h"
#include "va-topic.h"
#include "va-transfer-node.h"

/* The Escalate topic of a new bot says "[link]" for the author to replace; the runtime puts the
 * hub link there when the bot has one. */
static void
check_link_placeholder (VaProblemsChecker *c,
                        const char        *text)
{
  g_autofree char *label = NULL;

  if (!c->hub_link_empty || va_topic_get_system (c->topic) != VA_SYSTEM_TOPIC_ESCALATE ||
      text == NULL || strstr (text, "[link]") == NULL)
    return;
  label = va_problems_node_label (c->node);
  va_problems_add_node_problem (c, VA_PROBLEM_WARNING, VA_PROBLEM_KIND_LINK_PLACEHOLDER,
                                g_strdup_printf (_("%s in “%s” still says “[link]”: set the "
                                                   "engagement hub link in the bot settings, or "
                                                   "replace the placeholder."),
                                                 label, va_problems_topic_name (c->topic)));
}

static void
check_message (VaProblemsChecker *c,
               VaMessageNode     *node)
{
  const char * const *variations = va_message_node_get_variations (node);

  va_problems_note_template (c, va_message_node_get_text (node));
  check_link_placeholder (c, va_message_node_get_text (node));
  for (guint i = 0; variations != NULL && variations[i] != NULL; i++)
    {
      va_problems_note_template (c, variations[i]);
      check_link_placeholder (c, variations[i]);
    }
}

static void
check_question (VaProblemsChecker *c,
                VaQuestionNode    *node)
{
  g_autofree char *label = va_problems_node_label (c->node);
  const char *topic_name = va_problems_topic_name (c->topic);
  GListModel *options = va_question_node_get_options (node);
  guint n_options = g_list_model_get_n_items (options);

  va_problems_note_template (c, va_question_node_get_prompt (node));
  va_problems_note_template (c, va_question_node_get_reprompt (node));
  check_link_placeholder (c, va_question_node_get_prompt (node));
  check_link_placeholder (c, va_question_node_get_reprompt (node));
  va_problems_note_set (c, va_question_node_get_variable (node));

  if (va_question_node_get_mode (node) == VA_QUESTION_MODE_CHOICES)
    {
      /* "Multiple topics matched" gets its options from the recognizer at run time. */
      if (n_options == 0 &&
          va_topic_get_system (c->topic) != VA_SYSTEM_TOPIC_MULTIPLE_TOPICS_MATCHED)
        va_problems_add_node_problem (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_NO_OPTIONS,
                                      g_strdup_printf (_("%s in “%s” asks to pick an option but "
                                                         "has no options."),
                                                       label, topic_name));
    }
  else
    {
      const char *entity = va_question_node_get_entity (node);

      if (entity == NULL || entity[0] == '\0')
        va_problems_add_node_problem (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_UNKNOWN_ENTITY,
                                      g_strdup_printf (_("%s in “%s” does not say which entity to "
                                                         "recognize."),
                                                       label, topic_name));
      else if (!va_entity_is_prebuilt (entity) && !g_hash_table_contains (c->entity_ids, entity))
        va_problems_add_node_problem (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_UNKNOWN_ENTITY,
                                      g_strdup_printf (_("%s in “%s” recognizes the entity “%s”, "
                                                         "which is neither a prebuilt nor a custom "
                                                         "entity."),
                                                       label, topic_name, entity));

      /* The options keep their edges while the question asks for an entity, and the file
       * format refuses a dangling one there too. */
      for (guint i = 0; i < n_options; i++)
        {
          g_autoptr(VaChoice) choice = g_list_model_get_item (options, i);

          va_problems_check_edge (c, va_choice_get_label (choice), va_choice_get_next (choice));
        }
    }
}

static void
check_condition (VaProblemsChecker *c,
                 VaConditionNode   *node)
{
  GListModel *branches = va_condition_node_get_branches (node);
  guint n_branches = g_list_model_get_n_items (branches);

  for (guint i = 0; i < n_branches; i++)
    {
      g_autoptr(VaConditionBranch) branch = g_list_model_get_item (branches, i);
      GListModel *clauses = va_condition_branch_get_clauses (branch);
      guint n_clauses = g_list_model_get_n_items (clauses);

      for (guint j = 0; j < n_clauses; j++)
        {
          g_autoptr(VaClause) clause = g_list_model_get_item (clauses, j);

          va_problems_note_plain_read (c, va_clause_get_variable (clause));
          va_problems_note_template (c, va_clause_get_value (clause));
        }
    }
}

static gboolean
is_valid_http_url (const char *url_template)
{
  g_autofree char *url = va_problems_replace_references (url_template, "x");
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme;
  const char *host;

  if (uri == NULL)
    return FALSE;
  /* GUri takes a space in the host; no HTTP request does. */
  for (const char *p = url; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return FALSE;
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         host != NULL && host[0] != '\0';
}

static void
check_action (VaProblemsChecker *c,
              VaActionNode      *node)
{
  const char *url = va_action_node_get_url (node);
  const char * const *headers = va_action_node_get_headers (node);
  GListModel *mappings = va_action_node_get_mappings (node);
  guint n_mappings = g_list_model_get_n_items (mappings);

  va_problems_note_template (c, url);
  for (guint i = 0; headers != NULL && headers[i] != NULL; i++)
    va_problems_note_template (c, headers[i]);
  va_problems_note_template (c, va_action_node_get_body (node));
  for (guint i = 0; i < n_mappings; i++)
    {
      g_autoptr(VaResponseMapping) mapping = g_list_model_get_item (mappings, i);

      va_problems_note_set (c, va_response_mapping_get_variable (mapping));
    }

  if (va_problems_is_blank (url))
    {
      g_autofree char *label = va_problems_node_label (c->node);

      va_problems_add_node_problem (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_INVALID_URL,
                                    g_strdup_printf (_("%s in “%s” has no address to call."),
                                                     label, va_problems_topic_name (c->topic)));
    }
  else if (!is_valid_http_url (url))
    {
      g_autofree char *label = va_problems_node_label (c->node);

      va_problems_add_node_problem (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_INVALID_URL,
                                    g_strdup_printf (_("%s in “%s” calls “%s”, which is not a "
                                                       "valid http or https address."),
                                                     label, va_problems_topic_name (c->topic),
                                                     url));
    }
}

void
va_problems_check_node (VaProblemsChecker *c)
{
  VaNode *node = c->node;

  c->node_reads_start = c->reads->len;
  switch (va_node_get_kind (node))
    {
    case VA_NODE_KIND_MESSAGE:
      check_message (c, VA_MESSAGE_NODE (node));
      break;

    case VA_NODE_KIND_QUESTION:
      check_question (c, VA_QUESTION_NODE (node));
      break;

    case VA_NODE_KIND_CONDITION:
      check_condition (c, VA_CONDITION_NODE (node));
      break;

    case VA_NODE_KIND_SET_VARIABLE:
      va_problems_note_template (c,
                                 va_set_variable_node_get_value (VA_SET_VARIABLE_NODE (node)));
      va_problems_note_set (c, va_set_variable_node_get_variable (VA_SET_VARIABLE_NODE (node)));
      break;

    case VA_NODE_KIND_ACTION:
      check_action (c, VA_ACTION_NODE (node));
      break;

    case VA_NODE_KIND_REDIRECT:
      va_problems_check_redirect (c, VA_REDIRECT_NODE (node));
      break;

    case VA_NODE_KIND_TRANSFER:
      va_problems_note_template (c,
                                 va_transfer_node_get_agent_message (VA_TRANSFER_NODE (node)));
      if (va_topic_get_system (c->topic) != VA_SYSTEM_TOPIC_ESCALATE)
        {
          g_autofree char *label = va_problems_node_label (node);

          va_problems_add_node_problem (c, VA_PROBLEM_WARNING,
                                        VA_PROBLEM_KIND_MISPLACED_TRANSFER,
                                        g_strdup_printf (_("%s in “%s” hands the conversation to "
                                                           "an agent outside the Escalate topic: "
                                                           "use an Escalate node instead."),
                                                         label, va_problems_topic_name (c->topic)));
        }
      break;

    case VA_NODE_KIND_END:
    case VA_NODE_KIND_ESCALATE:
    default:
      break;
    }
}

/* The bot settings' hub link and webhook, shown on the Escalate topic, where the handoff is. */
void
va_problems_check_hub_addresses (VaProblemsChecker *c)
{
  VaTopic *escalate = va_bot_find_system_topic (c->bot, VA_SYSTEM_TOPIC_ESCALATE);
  const char *link = va_bot_get_hub_link (c->bot);
  const char *webhook = va_bot_get_webhook_url (c->bot);
  guint position = 0;

  if (escalate == NULL)
    return;
  va_bot_find_topic (c->bot, va_topic_get_id (escalate), &position);
  if (!va_problems_is_blank (link) && !is_valid_http_url (link))
    va_problems_add_problem_at (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_INVALID_URL, escalate,
                                position, NULL, 0,
                                g_strdup_printf (_("The engagement hub link “%s” in the bot "
                                                   "settings is not a valid http or https address, "
                                                   "so it will not open."), link));
  if (!va_problems_is_blank (webhook) && !is_valid_http_url (webhook))
    va_problems_add_problem_at (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_INVALID_URL, escalate,
                                position, NULL, 0,
                                g_strdup_printf (_("The handoff webhook “%s” in the bot settings "
                                                   "is not a valid http or https address, so "
                                                   "handoffs will not reach it."),
                                                 webhook));
}
