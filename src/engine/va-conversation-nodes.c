/* va-conversation-nodes.c — what each node kind does when the conversation reaches it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "va-action-node.h"
#include "va-bot-recognizer.h"
#include "va-choice.h"
#include "va-clause.h"
#include "va-condition-branch.h"
#include "va-condition-node.h"
#include "va-conversation-private.h"
#include "va-end-node.h"
#include "va-entity-extract.h"
#include "va-http.h"
#include "va-interpolate.h"
#include "va-json-value.h"
#include "va-message-node.h"
#include "va-question-node.h"
#include "va-redirect-node.h"
#include "va-response-mapping.h"
#include "va-set-variable-node.h"
#include "va-transfer-node.h"

static void
go_next (VaFrame    *frame,
         const char *next)
{
  g_free (frame->node_id);
  frame->node_id = (next != NULL && next[0] != '\0') ? g_strdup (next) : NULL;
}

/* {{{ Message, set variable */

static VaStep
run_message (VaConversation *self,
             VaFrame        *frame,
             VaMessageNode  *node)
{
  const char * const *variations = va_message_node_get_variations (node);
  guint n = variations != NULL ? g_strv_length ((char **) variations) : 0;
  const char *text = va_message_node_get_text (node);
  g_autofree char *rendered = NULL;

  /* The text and its variations: one of them, picked by the conversation's generator. */
  if (n > 0)
    {
      guint pick = (guint) g_rand_int_range (self->rand, 0, (gint32) n + 1);

      if (pick > 0)
        text = variations[pick - 1];
    }
  rendered = va_conversation_render (self, text, VA_ESCAPE_NONE);
  va_conversation_say (self, rendered, NULL);
  go_next (frame, va_node_get_next (VA_NODE (node)));
  return VA_STEP_CONTINUE;
}

static VaStep
run_set_variable (VaConversation    *self,
                  VaFrame           *frame,
                  VaSetVariableNode *node)
{
  g_autofree char *value =
    va_conversation_render (self, va_set_variable_node_get_value (node), VA_ESCAPE_NONE);

  va_conversation_set_var (self, va_set_variable_node_get_variable (node), value);
  go_next (frame, va_node_get_next (VA_NODE (node)));
  return VA_STEP_CONTINUE;
}

/* }}} */
/* {{{ Questions */

/* The options a question offers: its own, or for "Multiple topics matched" the candidates and
 * "None of these". */
static GPtrArray *
question_labels (VaConversation *self,
                 VaFrame        *frame,
                 VaQuestionNode *node)
{
  GPtrArray *labels = g_ptr_array_new ();

  if (frame->candidates != NULL)
    {
      for (guint i = 0; i < frame->candidates->len; i++)
        {
          VaTopic *topic = va_bot_find_topic (self->bot, g_ptr_array_index (frame->candidates, i),
                                              NULL);

          g_ptr_array_add (labels, (gpointer) (topic != NULL ? va_topic_get_name (topic) : ""));
        }
      g_ptr_array_add (labels, (gpointer) _("None of these"));
    }
  else if (va_question_node_get_mode (node) == VA_QUESTION_MODE_CHOICES)
    {
      GListModel *options = va_question_node_get_options (node);

      for (guint i = 0; i < g_list_model_get_n_items (options); i++)
        {
          g_autoptr(VaChoice) choice = g_list_model_get_item (options, i);

          g_ptr_array_add (labels, (gpointer) va_choice_get_label (choice));
        }
    }
  g_ptr_array_add (labels, NULL);
  return labels;
}

VaStep
va_conversation_ask (VaConversation *self,
                     VaFrame        *frame,
                     VaNode         *node,
                     gboolean        reprompt)
{
  VaQuestionNode *question = VA_QUESTION_NODE (node);
  g_autoptr(GPtrArray) labels = question_labels (self, frame, question);
  const char *text = va_question_node_get_prompt (question);
  g_autofree char *rendered = NULL;

  if (reprompt && va_question_node_get_reprompt (question) != NULL &&
      va_question_node_get_reprompt (question)[0] != '\0')
    text = va_question_node_get_reprompt (question);
  rendered = va_conversation_render (self, text, VA_ESCAPE_NONE);
  va_conversation_say (self, rendered,
                       labels->len > 1 ? (const char * const *) labels->pdata : NULL);
  if (!reprompt)
    frame->attempts = 0;
  frame->waiting = TRUE;
  return VA_STEP_WAIT;
}

/* "Multiple topics matched" also takes an answer like "the PIN one": the offered topic that the
 * recognizer ranks first, when it ranks above the threshold. */
static int
rank_candidates (VaConversation *self,
                 VaFrame        *frame,
                 const char     *text)
{
  VaRecognizerMatch ranked[8];
  guint n = va_recognizer_rank (self->recognizer, text, ranked, G_N_ELEMENTS (ranked));

  for (guint i = 0; i < n; i++)
    {
      if (ranked[i].score < va_bot_get_threshold_score (self->bot))
        break;
      for (guint j = 0; j < frame->candidates->len; j++)
        if (g_str_equal (ranked[i].topic_id, g_ptr_array_index (frame->candidates, j)))
          return (int) j;
    }
  return -1;
}

/* Finds the option the answer picks; returns its index or -1. */
static int
match_option (VaConversation *self,
              VaFrame        *frame,
              VaQuestionNode *node,
              const char     *text)
{
  g_autoptr(GPtrArray) labels = question_labels (self, frame, node);
  g_autoptr(GPtrArray) synonyms = g_ptr_array_new ();
  GListModel *options = va_question_node_get_options (node);
  guint n = labels->len - 1;
  int index;

  for (guint i = 0; i < n; i++)
    {
      const char * const *item_synonyms = NULL;

      if (frame->candidates == NULL)
        {
          g_autoptr(VaChoice) choice = g_list_model_get_item (options, i);

          item_synonyms = va_choice_get_synonyms (choice);
        }
      g_ptr_array_add (synonyms, (gpointer) item_synonyms);
    }
  index = va_entity_match_choice (text, n, (const char * const *) labels->pdata,
                                  (const char * const * const *) synonyms->pdata);
  if (index < 0 && frame->candidates != NULL)
    index = rank_candidates (self, frame, text);
  return index;
}

/* The answer picked an option of "Multiple topics matched". */
static VaStep
choose_candidate (VaConversation *self,
                  VaFrame        *frame,
                  int             index)
{
  g_autofree char *topic_id = NULL;
  VaTopic *topic;

  if ((guint) index < frame->candidates->len)
    topic_id = g_strdup (g_ptr_array_index (frame->candidates, index));
  va_conversation_pop (self);
  if (topic_id == NULL || (topic = va_bot_find_topic (self->bot, topic_id, NULL)) == NULL)
    return va_conversation_go_to_system (self, VA_SYSTEM_TOPIC_FALLBACK, "system");
  return va_conversation_go_to_topic (self, topic, "trigger");
}

/* An answer that does not fit: another topic may have been meant; else ask again, then give up. */
static VaStep
answer_failed (VaConversation *self,
               VaFrame        *frame,
               VaQuestionNode *node,
               const char     *text)
{
  VaRecognizerMatch matches[5];
  guint n = 0;

  /* Only a clear match switches: an answer that is merely wrong must not start a topic. */
  if (va_conversation_recognize (self, text, matches, &n) == VA_RECOGNITION_MATCH &&
      n > 0 && matches[0].score >= MAX (VA_SWITCH_SCORE, va_bot_get_threshold_score (self->bot)) &&
      g_strcmp0 (matches[0].topic_id, va_topic_get_id (frame->topic)) != 0)
    {
      VaTopic *topic = va_bot_find_topic (self->bot, matches[0].topic_id, NULL);

      if (topic != NULL && frame->candidates != NULL)
        {
          /* Not one of the topics offered, but clearly another: forget the question. */
          va_conversation_pop (self);
          return va_conversation_go_to_topic (self, topic, "trigger");
        }
      if (topic != NULL)
        {
          frame->reask = TRUE;
          return va_conversation_go_to_topic (self, topic, "switch");
        }
    }

  if (frame->attempts < va_question_node_get_retries (node))
    {
      frame->attempts++;
      return va_conversation_ask (self, frame, VA_NODE (node), TRUE);
    }

  if (frame->candidates != NULL)
    return choose_candidate (self, frame, -1);
  if (va_question_node_get_on_failure (node) == VA_FAILURE_ACTION_ESCALATE)
    return va_conversation_go_to_system (self, VA_SYSTEM_TOPIC_ESCALATE, "system");
  va_conversation_set_var (self, va_question_node_get_variable (node), NULL);
  go_next (frame, va_node_get_next (VA_NODE (node)));
  return VA_STEP_CONTINUE;
}

VaStep
va_conversation_answer (VaConversation *self,
                        VaFrame        *frame,
                        VaNode         *node,
                        const char     *text)
{
  VaQuestionNode *question;
  const char *variable;

  if (!VA_IS_QUESTION_NODE (node))
    return VA_STEP_CONTINUE;
  question = VA_QUESTION_NODE (node);
  variable = va_question_node_get_variable (question);

  if (frame->candidates != NULL || va_question_node_get_mode (question) == VA_QUESTION_MODE_CHOICES)
    {
      int index = match_option (self, frame, question, text);
      g_autoptr(GPtrArray) labels = NULL;
      g_autoptr(VaChoice) choice = NULL;

      if (index < 0)
        return answer_failed (self, frame, question, text);
      labels = question_labels (self, frame, question);
      va_conversation_set_var (self, variable, g_ptr_array_index (labels, index));
      if (frame->candidates != NULL)
        return choose_candidate (self, frame, index);
      choice = g_list_model_get_item (va_question_node_get_options (question), index);
      go_next (frame, va_choice_get_next (choice) != NULL ? va_choice_get_next (choice)
                                                          : va_node_get_next (node));
      return VA_STEP_CONTINUE;
    }
  else
    {
      g_autofree char *value = NULL;

      if (!va_entity_extract (self->bot, va_question_node_get_entity (question), text, self->now,
                              &value))
        return answer_failed (self, frame, question, text);
      va_conversation_set_var (self, variable, value);
      go_next (frame, va_node_get_next (node));
      return VA_STEP_CONTINUE;
    }
}

/* }}} */
/* {{{ Conditions */

static gboolean
parse_number (const char *text,
              double     *number)
{
  g_autofree char *copy = NULL;
  char *end = NULL;

  if (text == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  if (copy[0] == '\0')
    return FALSE;
  *number = g_ascii_strtod (copy, &end);
  return end != NULL && *end == '\0' && isfinite (*number);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static char *
fold (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *normal = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal != NULL ? normal : "", -1);
}

/* Numbers compare as numbers, anything else (ISO dates included) as folded text. */
static int
compare_values (const char *left,
                const char *right)
{
  double a, b;
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (parse_number (left, &a) && parse_number (right, &b))
    return (a > b) - (a < b);
  /* Byte order of the folded text: the same on every machine, whatever its locale. */
  fa = fold (left);
  fb = fold (right);
  return strcmp (fa, fb);
}

static gboolean
test_clause (VaConversation *self,
             VaClause       *clause)
{
  const char *left = va_conversation_get_variable (self, va_clause_get_variable (clause));
  g_autofree char *right = va_conversation_render (self, va_clause_get_value (clause),
                                                   VA_ESCAPE_NONE);
  g_autofree char *fl = NULL;
  g_autofree char *fr = NULL;

  switch (va_clause_get_operator (clause))
    {
    case VA_OPERATOR_IS_BLANK:
      return is_blank (left);
    case VA_OPERATOR_IS_NOT_BLANK:
      return !is_blank (left);
    default:
      break;
    }
  if (left == NULL)
    return va_clause_get_operator (clause) == VA_OPERATOR_NOT_EQUALS ||
           va_clause_get_operator (clause) == VA_OPERATOR_NOT_CONTAINS;

  switch (va_clause_get_operator (clause))
    {
    case VA_OPERATOR_EQUALS:
      return compare_values (left, right) == 0;
    case VA_OPERATOR_NOT_EQUALS:
      return compare_values (left, right) != 0;
    case VA_OPERATOR_LESS:
      return compare_values (left, right) < 0;
    case VA_OPERATOR_LESS_OR_EQUAL:
      return compare_values (left, right) <= 0;
    case VA_OPERATOR_GREATER:
      return compare_values (left, right) > 0;
    case VA_OPERATOR_GREATER_OR_EQUAL:
      return compare_values (left, right) >= 0;
    default:
      break;
    }

  fl = fold (left);
  fr = fold (right);
  switch (va_clause_get_operator (clause))
    {
    case VA_OPERATOR_CONTAINS:
      return strstr (fl, fr) != NULL;
    case VA_OPERATOR_NOT_CONTAINS:
      return strstr (fl, fr) == NULL;
    case VA_OPERATOR_STARTS_WITH:
      return g_str_has_prefix (fl, fr);
    default:
      return FALSE;
    }
}

static gboolean
test_branch (VaConversation    *self,
             VaConditionBranch *branch)
{
  GListModel *clauses = va_condition_branch_get_clauses (branch);
  guint n = g_list_model_get_n_items (clauses);
  gboolean any = va_condition_branch_get_join (branch) == VA_JOIN_ANY;

  /* A branch without clauses never matches: "all other conditions" is the else edge. */
  if (n == 0)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VaClause) clause = g_list_model_get_item (clauses, i);
      gboolean result = test_clause (self, clause);

      if (any && result)
        return TRUE;
      if (!any && !result)
        return FALSE;
    }
  return !any;
}

static VaStep
run_condition (VaConversation  *self,
               VaFrame         *frame,
               VaConditionNode *node)
{
  GListModel *branches = va_condition_node_get_branches (node);

  for (guint i = 0; i < g_list_model_get_n_items (branches); i++)
    {
      g_autoptr(VaConditionBranch) branch = g_list_model_get_item (branches, i);

      if (test_branch (self, branch))
        {
          go_next (frame, va_condition_branch_get_next (branch));
          return VA_STEP_CONTINUE;
        }
    }
  go_next (frame, va_condition_node_get_else_next (node));
  return VA_STEP_CONTINUE;
}

/* }}} */
/* {{{ Call action */

static const char *
method_name (VaHttpMethod method)
{
  switch (method)
    {
    case VA_HTTP_METHOD_POST: return "POST";
    case VA_HTTP_METHOD_PUT: return "PUT";
    case VA_HTTP_METHOD_PATCH: return "PATCH";
    case VA_HTTP_METHOD_DELETE: return "DELETE";
    case VA_HTTP_METHOD_GET:
    default: return "GET";
    }
}

/* What the server answered, for the action event: {"status": 200, "body": "…"}; NULL when the
 * request got no answer. */
static JsonNode *
answer_json (VaConversation *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  if (self->action_status == 0)
    return NULL;
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, self->action_status);
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, self->action_body != NULL ? self->action_body : "");
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static VaStep
action_failed (VaConversation *self,
               VaFrame        *frame,
               VaActionNode   *node,
               const char     *request,
               const char     *message)
{
  const char *failure_next = va_action_node_get_failure_next (node);
  VaEvent *event = va_conversation_event_new (self, VA_EVENT_ACTION);
  g_autofree char *error = g_strdup_printf (_("%s failed: %s"), request, message);

  event->node_id = g_strdup (frame->node_id);
  event->name = g_strdup ("failed");
  event->text = g_strdup (error);
  event->data = answer_json (self);
  va_conversation_emit (self, event);

  if (failure_next != NULL && failure_next[0] != '\0')
    {
      va_str_set (&self->error, error);
      go_next (frame, failure_next);
      return VA_STEP_CONTINUE;
    }
  return va_conversation_fail (self, error);
}

/* An address that cannot be called, as the failure names it: the user or the file may have put
 * anything in it, so it is cut short and kept on one line (the error quotes it too). */
static char *
shown_url (const char *url)
{
  g_autofree char *valid = g_utf8_make_valid (url != NULL ? url : "", -1);
  g_autofree char *start = NULL;

  for (char *p = valid; *p != '\0'; p++)
    if ((guchar) *p < ' ' || *p == 0x7f)
      *p = '?';
  if (g_utf8_strlen (valid, -1) <= 80)
    return g_steal_pointer (&valid);
  start = g_utf8_substring (valid, 0, 79);
  return g_strconcat (start, "…", NULL);
}

static VaStep
run_action (VaConversation *self,
            VaFrame        *frame,
            VaActionNode   *node)
{
  const char *method = method_name (va_action_node_get_method (node));
  g_autofree char *url = va_conversation_render (self, va_action_node_get_url (node), VA_ESCAPE_URI);
  const char * const *header_templates = va_action_node_get_headers (node);
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;
  int timeout = va_action_node_get_timeout (node);

  /* No answer yet: a failure before the request must not report the last action's answer. */
  self->action_status = 0;
  g_clear_pointer (&self->action_body, g_free);

  /* A URL template gets its values escaped, but the whole URL may also be one variable. */
  if (g_str_has_prefix (va_action_node_get_url (node) != NULL ? va_action_node_get_url (node) : "",
                        "{"))
    {
      g_free (url);
      url = va_conversation_render (self, va_action_node_get_url (node), VA_ESCAPE_NONE);
    }
  if (!va_http_check_url (url, &error))
    {
      g_autofree char *shown = shown_url (url);
      g_autofree char *request = g_strdup_printf ("%s %s", method, shown);
      return action_failed (self, frame, node, request, error->message);
    }

  for (guint i = 0; header_templates != NULL && header_templates[i] != NULL; i++)
    g_ptr_array_add (headers, va_conversation_render (self, header_templates[i], VA_ESCAPE_NONE));
  g_ptr_array_add (headers, NULL);
  if (va_action_node_get_body (node) != NULL && va_action_node_get_body (node)[0] != '\0')
    body = va_conversation_render (self, va_action_node_get_body (node), VA_ESCAPE_JSON);

  return va_conversation_call (self, frame, method, url, (const char * const *) headers->pdata,
                               body, timeout > 0 ? (guint) timeout : 0);
}

VaStep
va_conversation_action_done (VaConversation *self,
                             VaFrame        *frame,
                             VaNode         *node,
                             const char     *request,
                             JsonNode       *json,
                             const GError   *error)
{
  VaActionNode *action;
  GListModel *mappings;
  VaEvent *event;

  if (!VA_IS_ACTION_NODE (node))
    return VA_STEP_CONTINUE;
  action = VA_ACTION_NODE (node);
  if (error != NULL)
    return action_failed (self, frame, action, request, error->message);

  event = va_conversation_event_new (self, VA_EVENT_ACTION);
  event->node_id = g_strdup (frame->node_id);
  event->name = g_strdup ("succeeded");
  event->text = g_strdup (request);
  event->data = answer_json (self);
  va_conversation_emit (self, event);

  mappings = va_action_node_get_mappings (action);
  for (guint i = 0; i < g_list_model_get_n_items (mappings); i++)
    {
      g_autoptr(VaResponseMapping) mapping = g_list_model_get_item (mappings, i);
      g_autofree char *value = NULL;

      if (json == NULL ||
          !va_json_value_lookup (json, va_response_mapping_get_path (mapping), &value))
        g_clear_pointer (&value, g_free);
      va_conversation_set_var (self, va_response_mapping_get_variable (mapping), value);
    }
  go_next (frame, va_node_get_next (node));
  return VA_STEP_CONTINUE;
}

/* }}} */
/* {{{ Redirect, end, escalate, transfer */

static VaStep
run_redirect (VaConversation *self,
              VaFrame        *frame,
              VaRedirectNode *node)
{
  const char *target = va_redirect_node_get_topic (node);
  VaTopic *topic = target != NULL ? va_bot_find_topic (self->bot, target, NULL) : NULL;

  if (topic == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("The topic “%s” redirects to a topic “%s” that does not exist."),
                         va_topic_get_name (frame->topic), target != NULL ? target : "");
      return va_conversation_fail (self, message);
    }
  g_free (frame->resume_id);
  frame->resume_id = g_strdup (va_node_get_next (VA_NODE (node)));
  return va_conversation_go_to_topic (self, topic, "redirect");
}

VaStep
va_conversation_run_node (VaConversation *self,
                          VaFrame        *frame,
                          VaNode         *node)
{
  switch (va_node_get_kind (node))
    {
    case VA_NODE_KIND_MESSAGE:
      return run_message (self, frame, VA_MESSAGE_NODE (node));
    case VA_NODE_KIND_QUESTION:
      return va_conversation_ask (self, frame, node, FALSE);
    case VA_NODE_KIND_CONDITION:
      return run_condition (self, frame, VA_CONDITION_NODE (node));
    case VA_NODE_KIND_SET_VARIABLE:
      return run_set_variable (self, frame, VA_SET_VARIABLE_NODE (node));
    case VA_NODE_KIND_ACTION:
      return run_action (self, frame, VA_ACTION_NODE (node));
    case VA_NODE_KIND_REDIRECT:
      return run_redirect (self, frame, VA_REDIRECT_NODE (node));
    case VA_NODE_KIND_END:
      if (va_end_node_get_survey (VA_END_NODE (node)))
        return va_conversation_go_to_system (self, VA_SYSTEM_TOPIC_END_OF_CONVERSATION, "redirect");
      return va_conversation_end (self, NULL);
    case VA_NODE_KIND_ESCALATE:
      return va_conversation_go_to_system (self, VA_SYSTEM_TOPIC_ESCALATE, "redirect");
    case VA_NODE_KIND_TRANSFER:
      return va_conversation_transfer (self,
                                       va_transfer_node_get_agent_message (VA_TRANSFER_NODE (node)));
    default:
      return va_conversation_fail (self, _("The bot reached a node of an unknown kind."));
    }
}

/* }}} */
