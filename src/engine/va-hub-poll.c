/* va-hub-poll.c — the long polls of the agent's page: a poll waits (its message paused) until a
 * message or a status change arrives, or its time is up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "va-hub-private.h"

/* {{{ Long polls */

static void
waiter_free (VaHubWaiter *waiter)
{
  g_clear_handle_id (&waiter->timeout_id, g_source_remove);
  g_clear_signal_handler (&waiter->finished_id, waiter->msg);
  g_clear_signal_handler (&waiter->disconnected_id, waiter->msg);
  g_clear_object (&waiter->msg);
  g_free (waiter->status);
  g_free (waiter);
}

/* Answers the poll and lets libsoup send it. Frees @waiter (the caller removes it from its
 * conversation first) before the message goes on, so that no signal of the message finds it. */
void
va_hub_waiter_answer (VaHubWaiter *waiter,
                      guint        status)
{
  g_autoptr(SoupServerMessage) msg = g_object_ref (waiter->msg);
  g_autoptr(JsonNode) events = NULL;

  if (status == SOUP_STATUS_OK)
    events = va_hub_events_to_json (waiter->conversation, waiter->after);
  waiter_free (waiter);
  if (events != NULL)
    va_hub_reply_json (msg, status, events);
  else
    va_hub_reply_error (msg, status);
  soup_server_message_unpause (msg);
}

static gboolean
has_news (VaHubWaiter *waiter)
{
  VaHubConversation *conversation = waiter->conversation;

  return conversation->messages->len > waiter->after ||
         (waiter->status != NULL && g_strcmp0 (waiter->status, conversation->status) != 0);
}

void
va_hub_wake_waiters (VaHubConversation *conversation)
{
  for (guint i = 0; i < conversation->waiters->len;)
    {
      VaHubWaiter *waiter = g_ptr_array_index (conversation->waiters, i);

      if (has_news (waiter))
        va_hub_waiter_answer (g_ptr_array_steal_index (conversation->waiters, i),
                              SOUP_STATUS_OK);
      else
        i++;
    }
}

static void
drop_waiter (VaHubWaiter *waiter)
{
  g_ptr_array_remove (waiter->conversation->waiters, waiter);
  waiter_free (waiter);
}

static gboolean
on_waiter_timeout (gpointer user_data)
{
  VaHubWaiter *waiter = user_data;

  waiter->timeout_id = 0;
  g_ptr_array_remove (waiter->conversation->waiters, waiter);
  va_hub_waiter_answer (waiter, SOUP_STATUS_OK);
  return G_SOURCE_REMOVE;
}

static void
on_waiter_gone (SoupServerMessage *msg,
                VaHubWaiter       *waiter)
{
  drop_waiter (waiter);
}

#define MAX_WAITERS 8

/* Answers at once when there is news; otherwise holds the answer (the message is paused, the main
 * loop runs on) until a message or a status change arrives, or the poll times out. */
void
va_hub_wait_for_events (VaHub             *self,
                        VaHubConversation *conversation,
                        SoupServerMessage *msg,
                        guint              after,
                        const char        *status)
{
  VaHubWaiter *waiter = g_new0 (VaHubWaiter, 1);

  waiter->conversation = conversation;
  waiter->msg = g_object_ref (msg);
  waiter->after = after;
  waiter->status = g_strdup (status);

  if (has_news (waiter) || va_hub_status_is_final (conversation->status))
    {
      g_autoptr(JsonNode) events = va_hub_events_to_json (conversation, after);

      va_hub_reply_json (msg, SOUP_STATUS_OK, events);
      waiter_free (waiter);
      return;
    }
  /* A page open in many tabs, or a client that polls without end: the oldest poll gives way. */
  if (conversation->waiters->len >= MAX_WAITERS)
    va_hub_waiter_answer (g_ptr_array_steal_index (conversation->waiters, 0),
                          SOUP_STATUS_OK);

  g_ptr_array_add (conversation->waiters, waiter);
  waiter->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (on_waiter_gone), waiter);
  waiter->disconnected_id = g_signal_connect (msg, "disconnected", G_CALLBACK (on_waiter_gone),
                                              waiter);
  waiter->timeout_id = g_timeout_add (self->poll_ms, on_waiter_timeout, waiter);
  soup_server_message_pause (msg);
}

/* }}} */
