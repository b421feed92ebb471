/* va-conversation-topics.c — the topic stack: starting and ending topics (system ones
 * included), runtime errors and the On error topic, and running nodes until the conversation waits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "va-conversation-private.h"

/* {{{ Topics */

static gboolean
is_ending_topic (VaSystemTopic kind)
{
  switch (kind)
    {
    case VA_SYSTEM_TOPIC_ESCALATE:
    case VA_SYSTEM_TOPIC_GOODBYE:
    case VA_SYSTEM_TOPIC_END_OF_CONVERSATION:
    case VA_SYSTEM_TOPIC_CONFIRMED_SUCCESS:
    case VA_SYSTEM_TOPIC_CONFIRMED_FAILURE:
    case VA_SYSTEM_TOPIC_START_OVER:
      return TRUE;
    default:
      return FALSE;
    }
}

void
va_conversation_pop (VaConversation *self)
{
  VaEvent *event;

  if (self->stack->len == 0)
    return;
  event = va_conversation_event_new (self, VA_EVENT_TOPIC_ENDED);
  va_conversation_emit (self, event);
  g_ptr_array_remove_index (self->stack, self->stack->len - 1);
}

void
va_conversation_pop_all (VaConversation *self)
{
  while (self->stack->len > 0)
    va_conversation_pop (self);
}

VaStep
va_conversation_go_to_topic (VaConversation *self,
                             VaTopic        *topic,
                             const char     *how)
{
  VaSystemTopic kind = va_topic_get_system (topic);
  VaFrame *frame;
  VaEvent *event;
  const char *id = va_topic_get_id (topic);
  gboolean seen = FALSE;

  if (!va_topic_get_enabled (topic))
    {
      g_autofree char *message =
        g_strdup_printf (_("The topic “%s” is turned off."), va_topic_get_name (topic));
      return va_conversation_fail (self, message);
    }
  if (is_ending_topic (kind))
    va_conversation_pop_all (self);
  if (self->stack->len >= VA_MAX_STACK_DEPTH)
    {
      g_autofree char *message =
        g_strdup_printf (_("Topics redirect to each other more than %d deep; the last was “%s”."),
                         VA_MAX_STACK_DEPTH, va_topic_get_name (topic));
      return va_conversation_fail (self, message);
    }

  if (kind == VA_SYSTEM_TOPIC_START_OVER || kind == VA_SYSTEM_TOPIC_RESET_CONVERSATION)
    {
      va_conversation_clear_variables (self);
      self->fallbacks = 0;
    }
  if (kind == VA_SYSTEM_TOPIC_CONFIRMED_SUCCESS)
    va_str_set (&self->outcome, "resolved");
  if (kind == VA_SYSTEM_TOPIC_NONE && (g_str_equal (how, "trigger") || g_str_equal (how, "switch")))
    va_str_set (&self->last_topic, va_topic_get_name (topic));

  frame = g_new0 (VaFrame, 1);
  frame->topic = g_object_ref (topic);
  frame->node_id = g_strdup (va_topic_get_start (topic));
  g_ptr_array_add (self->stack, frame);

  for (guint i = 0; i < self->visited->len && !seen; i++)
    seen = g_str_equal (g_ptr_array_index (self->visited, i), id);
  if (!seen)
    g_ptr_array_add (self->visited, g_strdup (id));

  event = va_conversation_event_new (self, VA_EVENT_TOPIC_STARTED);
  event->name = g_strdup (how);
  va_conversation_emit (self, event);
  return VA_STEP_CONTINUE;
}

VaStep
va_conversation_go_to_system (VaConversation *self,
                              VaSystemTopic   kind,
                              const char     *how)
{
  VaTopic *topic = va_bot_find_system_topic (self->bot, kind);

  /* A turned-off Fallback stays silent (the miss still counts towards escalating); a turned-off
   * Escalate, reached by misses in a row, falls back to Fallback. */
  if (topic != NULL && !va_topic_get_enabled (topic))
    {
      if (kind == VA_SYSTEM_TOPIC_FALLBACK)
        return VA_STEP_CONTINUE;
      if (kind == VA_SYSTEM_TOPIC_ESCALATE && g_str_equal (how, "system"))
        return va_conversation_go_to_system (self, VA_SYSTEM_TOPIC_FALLBACK, how);
      if (kind == VA_SYSTEM_TOPIC_ON_ERROR)
        topic = NULL;
    }
  if (topic == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("The bot has no “%s” system topic."), va_system_topic_to_string (kind));

      if (kind == VA_SYSTEM_TOPIC_ON_ERROR)
        {
          VaEvent *event = va_conversation_event_new (self, VA_EVENT_ERROR);

          event->text = g_strdup (message);
          va_conversation_emit (self, event);
          return va_conversation_end (self, "error");
        }
      return va_conversation_fail (self, message);
    }
  return va_conversation_go_to_topic (self, topic, how);
}

static gboolean
inside_on_error (VaConversation *self)
{
  for (guint i = 0; i < self->stack->len; i++)
    {
      VaFrame *frame = g_ptr_array_index (self->stack, i);

      if (va_topic_get_system (frame->topic) == VA_SYSTEM_TOPIC_ON_ERROR)
        return TRUE;
    }
  return FALSE;
}

/**
 * va_conversation_fail: (skip)
 *
 * A runtime error: says it (an error event naming the topic and node), stores it in
 * System.Error and goes to the On error topic; an error inside On error ends the conversation.
 */
VaStep
va_conversation_fail (VaConversation *self,
                      const char     *message)
{
  VaEvent *event = va_conversation_event_new (self, VA_EVENT_ERROR);
  VaFrame *frame = va_conversation_top (self);
  gboolean nested = inside_on_error (self);

  if (frame != NULL)
    event->node_id = g_strdup (frame->node_id);
  event->text = g_strdup (message);
  va_conversation_emit (self, event);

  va_str_set (&self->error, message);
  /* On error gets a fresh step budget, but one error per turn only: an error on the way
   * through On error (or where it leads) ends the conversation. */
  self->steps = 0;
  va_conversation_pop_all (self);
  if (nested || ++self->errors > 1)
    return va_conversation_end (self, "error");
  va_str_set (&self->outcome, "error");
  return va_conversation_go_to_system (self, VA_SYSTEM_TOPIC_ON_ERROR, "system");
}

VaStep
va_conversation_end (VaConversation *self,
                     const char     *outcome)
{
  VaEvent *event;

  va_conversation_pop_all (self);
  event = va_conversation_event_new (self, VA_EVENT_CONVERSATION_ENDED);
  event->name = g_strdup (outcome != NULL ? outcome : self->outcome != NULL ? self->outcome : "ended");
  va_conversation_emit (self, event);
  va_conversation_set_state (self, VA_CONVERSATION_STATE_ENDED);
  return VA_STEP_STOP;
}

/* }}} */
/* {{{ Running */

void
va_conversation_after_step (VaConversation *self,
                            VaStep          step)
{
  switch (step)
    {
    case VA_STEP_CONTINUE:
      va_conversation_run (self);
      break;
    case VA_STEP_WAIT:
      va_conversation_set_state (self, VA_CONVERSATION_STATE_WAITING);
      break;
    case VA_STEP_ASYNC:
      va_conversation_set_state (self, VA_CONVERSATION_STATE_BUSY);
      break;
    case VA_STEP_STOP:
    default:
      break;
    }
}

void
va_conversation_run (VaConversation *self)
{
  for (;;)
    {
      VaFrame *frame = va_conversation_top (self);
      VaNode *node;
      VaStep step;

      if (frame == NULL)
        {
          if (self->state != VA_CONVERSATION_STATE_ENDED &&
              self->state != VA_CONVERSATION_STATE_HANDED_OFF)
            va_conversation_set_state (self, VA_CONVERSATION_STATE_WAITING);
          return;
        }

      if (frame->node_id == NULL)
        {
          VaFrame *caller;

          va_conversation_pop (self);
          caller = va_conversation_top (self);
          if (caller == NULL)
            continue;
          if (caller->reask)
            {
              caller->reask = FALSE;
              node = va_topic_find_node (caller->topic, caller->node_id, NULL);
              step = node != NULL ? va_conversation_ask (self, caller, node, FALSE)
                                  : VA_STEP_CONTINUE;
              if (node == NULL)
                g_clear_pointer (&caller->node_id, g_free);
            }
          else
            {
              g_free (caller->node_id);
              caller->node_id = g_steal_pointer (&caller->resume_id);
              continue;
            }
        }
      else if ((node = va_topic_find_node (frame->topic, frame->node_id, NULL)) == NULL)
        {
          g_autofree char *message =
            g_strdup_printf (_("The topic “%s” goes to a node “%s” that does not exist."),
                             va_topic_get_name (frame->topic), frame->node_id);
          step = va_conversation_fail (self, message);
        }
      else if (++self->steps > self->step_limit)
        {
          g_autofree char *message =
            g_strdup_printf (_("The bot ran %u steps without waiting for the user, so it was "
                               "stopped; it probably loops in the topic “%s”."),
                             self->step_limit, va_topic_get_name (frame->topic));
          step = va_conversation_fail (self, message);
        }
      else
        {
          VaEvent *event = va_conversation_event_new (self, VA_EVENT_NODE_ENTERED);

          event->node_id = g_strdup (frame->node_id);
          va_conversation_emit (self, event);
          step = va_conversation_run_node (self, frame, node);
        }

      if (step == VA_STEP_CONTINUE)
        continue;
      va_conversation_after_step (self, step);
      return;
    }
}

/* }}} */
