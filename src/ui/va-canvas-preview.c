/* va-canvas-preview.c — what a card says about its node
 *
 * A card's words and marks, apart from drawing them: the kind's icon and
 * colour, a short preview of the node's content (a question's prompt, a
 * condition's clauses, an action's address), and the sentence a screen
 * reader says of the focused card. va-canvas-cache.c lays them out into the
 * card's render node.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "va-canvas-private.h"
#include "va-action-node.h"
#include "va-clause.h"
#include "va-condition-branch.h"
#include "va-condition-node.h"
#include "va-end-node.h"
#include "va-message-node.h"
#include "va-question-node.h"
#include "va-redirect-node.h"
#include "va-set-variable-node.h"
#include "va-transfer-node.h"

const char *
va_canvas_kind_icon_name (VaNodeKind kind)
{
  switch (kind)
    {
    case VA_NODE_KIND_MESSAGE:      return "user-available-symbolic";
    case VA_NODE_KIND_QUESTION:     return "dialog-question-symbolic";
    case VA_NODE_KIND_CONDITION:    return "media-playlist-shuffle-symbolic";
    case VA_NODE_KIND_SET_VARIABLE: return "document-edit-symbolic";
    case VA_NODE_KIND_ACTION:       return "network-transmit-receive-symbolic";
    case VA_NODE_KIND_REDIRECT:     return "mail-forward-symbolic";
    case VA_NODE_KIND_END:          return "process-stop-symbolic";
    case VA_NODE_KIND_ESCALATE:     return "avatar-default-symbolic";
    case VA_NODE_KIND_TRANSFER:     return "system-switch-user-symbolic";
    default:                        return "dialog-question-symbolic";
    }
}

/* One hue per kind, from the GNOME palette; white icons read on each in both styles. */
void
va_canvas_kind_color (VaNodeKind  kind,
                      GdkRGBA    *color)
{
  static const char * const colors[VA_N_NODE_KINDS] = {
    "#3584e4", /* message: blue */
    "#9141ac", /* question: purple */
    "#e66100", /* condition: orange */
    "#26a269", /* set variable: green */
    "#1c71d8", /* action: dark blue */
    "#2190a4", /* redirect: teal */
    "#c01c28", /* end: red */
    "#c64600", /* escalate: dark orange */
    "#d56199", /* transfer: pink */
  };

  gdk_rgba_parse (color, colors[(guint) kind < VA_N_NODE_KINDS ? kind : 0]);
}

static const char *
operator_text (VaOperator op)
{
  switch (op)
    {
    case VA_OPERATOR_EQUALS:           return "=";
    case VA_OPERATOR_NOT_EQUALS:       return "≠";
    case VA_OPERATOR_LESS:             return "<";
    case VA_OPERATOR_LESS_OR_EQUAL:    return "≤";
    case VA_OPERATOR_GREATER:          return ">";
    case VA_OPERATOR_GREATER_OR_EQUAL: return "≥";
    case VA_OPERATOR_CONTAINS:         return _("contains");
    case VA_OPERATOR_NOT_CONTAINS:     return _("does not contain");
    case VA_OPERATOR_STARTS_WITH:      return _("starts with");
    case VA_OPERATOR_IS_BLANK:         return _("is blank");
    case VA_OPERATOR_IS_NOT_BLANK:     return _("is not blank");
    default:                           return "?";
    }
}

static void
append_branch_summary (GString           *out,
                       VaConditionBranch *branch)
{
  GListModel *clauses = va_condition_branch_get_clauses (branch);
  guint n = g_list_model_get_n_items (clauses);

  if (n == 0)
    {
      g_string_append (out, _("(no clauses)"));
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VaClause) clause = g_list_model_get_item (clauses, i);
      VaOperator op = va_clause_get_operator (clause);
      const char *variable = va_clause_get_variable (clause);

      if (i > 0)
        g_string_append (out, va_condition_branch_get_join (branch) == VA_JOIN_ALL
                              ? _(" and ") : _(" or "));
      g_string_append_printf (out, "%s %s", variable != NULL ? variable : "?", operator_text (op));
      if (op != VA_OPERATOR_IS_BLANK && op != VA_OPERATOR_IS_NOT_BLANK)
        {
          const char *value = va_clause_get_value (clause);

          g_string_append_printf (out, " %s", value != NULL ? value : "");
        }
    }
}

/* The content preview; sets *placeholder when it only says that something is missing. */
char *
va_canvas_node_preview (VaCanvas *self,
                        VaNode   *node,
                        gboolean *placeholder)
{
  const char *text = NULL;

  *placeholder = FALSE;
  switch (va_node_get_kind (node))
    {
    case VA_NODE_KIND_MESSAGE:
      text = va_message_node_get_text (VA_MESSAGE_NODE (node));
      if (text == NULL || *text == '\0')
        break;
      return g_strdup (text);

    case VA_NODE_KIND_QUESTION:
      text = va_question_node_get_prompt (VA_QUESTION_NODE (node));
      if (text == NULL || *text == '\0')
        {
          *placeholder = TRUE;
          return g_strdup (_("No question asked yet"));
        }
      return g_strdup (text);

    case VA_NODE_KIND_CONDITION:
      {
        GListModel *branches = va_condition_node_get_branches (VA_CONDITION_NODE (node));
        guint n = g_list_model_get_n_items (branches);
        GString *out = g_string_new (NULL);

        if (n == 0)
          {
            *placeholder = TRUE;
            g_string_free (out, TRUE);
            return g_strdup (_("No conditions yet"));
          }
        for (guint i = 0; i < n; i++)
          {
            g_autoptr(VaConditionBranch) branch = g_list_model_get_item (branches, i);

            if (i > 0)
              g_string_append_c (out, '\n');
            g_string_append_printf (out, "%u. ", i + 1);
            append_branch_summary (out, branch);
          }
        return g_string_free (out, FALSE);
      }

    case VA_NODE_KIND_SET_VARIABLE:
      {
        const char *variable = va_set_variable_node_get_variable (VA_SET_VARIABLE_NODE (node));
        const char *value = va_set_variable_node_get_value (VA_SET_VARIABLE_NODE (node));

        if (variable == NULL || *variable == '\0')
          {
            *placeholder = TRUE;
            return g_strdup (_("No variable chosen"));
          }
        /* Translators: a node that sets a variable: "Set Store = Downtown" */
        return g_strdup_printf (_("Set %s = %s"), variable, value != NULL ? value : "");
      }

    case VA_NODE_KIND_ACTION:
      {
        const char *url = va_action_node_get_url (VA_ACTION_NODE (node));
        const char *method;

        switch (va_action_node_get_method (VA_ACTION_NODE (node)))
          {
          case VA_HTTP_METHOD_POST:   method = "POST"; break;
          case VA_HTTP_METHOD_PUT:    method = "PUT"; break;
          case VA_HTTP_METHOD_PATCH:  method = "PATCH"; break;
          case VA_HTTP_METHOD_DELETE: method = "DELETE"; break;
          case VA_HTTP_METHOD_GET:
          default:                    method = "GET"; break;
          }
        if (url == NULL || *url == '\0')
          {
            *placeholder = TRUE;
            return g_strdup (_("No address yet"));
          }
        return g_strdup_printf ("%s %s", method, url);
      }

    case VA_NODE_KIND_REDIRECT:
      {
        const char *topic_id = va_redirect_node_get_topic (VA_REDIRECT_NODE (node));
        VaTopic *target = NULL;

        if (topic_id == NULL || *topic_id == '\0')
          {
            *placeholder = TRUE;
            return g_strdup (_("No topic chosen"));
          }
        if (self->bot != NULL)
          target = va_bot_find_topic (self->bot, topic_id, NULL);
        return g_strdup_printf ("→ %s", target != NULL && va_topic_get_name (target) != NULL
                                        ? va_topic_get_name (target) : topic_id);
      }

    case VA_NODE_KIND_END:
      return g_strdup (va_end_node_get_survey (VA_END_NODE (node))
                       ? _("Ends with the satisfaction survey")
                       : _("Ends the conversation"));

    case VA_NODE_KIND_ESCALATE:
      return g_strdup (_("Hands the conversation to a person"));

    case VA_NODE_KIND_TRANSFER:
      text = va_transfer_node_get_agent_message (VA_TRANSFER_NODE (node));
      if (text != NULL && *text != '\0')
        return g_strdup_printf (_("To the agent: %s"), text);
      return g_strdup (_("Starts the handoff to a live agent"));

    default:
      break;
    }

  *placeholder = TRUE;
  return g_strdup (_("Nothing to say yet"));
}

char *
va_canvas_card_describe (VaCanvas     *self,
                         VaCanvasCard *card)
{
  VaNode *node = card->node;
  gboolean placeholder;
  g_autofree char *preview = va_canvas_node_preview (self, node, &placeholder);
  GString *out = g_string_new (NULL);

  g_strdelimit (preview, "\n", ' ');
  /* Translators: what a screen reader says of the focused node: "Question: Which size?" */
  g_string_append_printf (out, _("%s: %s"), va_node_kind_get_display_name (va_node_get_kind (node)),
                          preview);
  if (VA_IS_QUESTION_NODE (node) &&
      va_question_node_get_mode (VA_QUESTION_NODE (node)) == VA_QUESTION_MODE_CHOICES)
    {
      guint n = g_list_model_get_n_items (va_question_node_get_options (VA_QUESTION_NODE (node)));

      g_string_append_c (out, ' ');
      g_string_append_printf (out, ngettext ("%u choice", "%u choices", n), n);
    }
  if (card->selected && va_canvas_get_n_selected (self) > 1)
    {
      guint n = va_canvas_get_n_selected (self);

      g_string_append (out, ". ");
      g_string_append_printf (out, ngettext ("%u node selected", "%u nodes selected", n), n);
    }
  if (self->topic != NULL && g_strcmp0 (va_topic_get_start (self->topic), va_node_get_id (node)) == 0)
    {
      g_string_append (out, ". ");
      g_string_append (out, _("Start of the topic"));
    }
  return g_string_free (out, FALSE);
}
