/* va-test-chat-handoff.c — the test chat's handoff to a human agent, and opening links
 *
 * A handoff shows a banner; the engagement hub's answers show as notices, and its chat canvas
 * opens in the browser: at once, or once the webhook has answered, or (with the hub built into
 * the app) at the agent page the hub gives. Links in messages open the same way, through
 * va-uri-opener.c, which asks before opening.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "va-test-chat-private.h"
#include "va-uri-opener.h"

static const char *
status_text (const char *state)
{
  if (g_strcmp0 (state, "accepted") == 0)
    return _("The engagement hub accepted the handoff.");
  if (g_strcmp0 (state, "failed") == 0)
    return _("The engagement hub could not take the conversation: it goes back to the bot.");
  if (g_strcmp0 (state, "completed") == 0)
    return _("The agent completed the conversation: it goes back to the bot.");
  if (g_strcmp0 (state, "posted") == 0)
    return _("The handoff was sent to the engagement hub.");
  return NULL;
}

/* A handoff: its banner, and the chat canvas to open. */
void
va_test_chat_show_handoff (VaTestChat *self,
                           VaEvent    *event)
{
  if (self->hub != NULL)
    {
      /* The built-in hub answers with its agent page, which then opens. */
      self->awaiting_hub = TRUE;
      va_test_chat_append_row (self, va_chat_handoff_row_new (NULL, FALSE), VA_CHAT_SENDER_NONE);
      va_test_chat_add_notice (self, VA_CHAT_NOTICE_INFO, _("Handed off to the built-in test hub"),
                               _("Its agent page opens in your browser: answer there as the "
                                 "agent."));
      return;
    }
  va_test_chat_append_row (self,
                           va_chat_handoff_row_new (event->text,
                                                    g_strcmp0 (event->name, "placeholder") == 0),
                           VA_CHAT_SENDER_NONE);
  /* The chat canvas opens by itself: at once, or once the webhook has answered (it may
   * name another address). */
  g_clear_pointer (&self->handoff_link, g_free);
  if (event->text != NULL)
    {
      const char *webhook = va_bot_get_webhook_url (self->bot);

      if (webhook != NULL && webhook[0] != '\0')
        self->handoff_link = g_strdup (event->text);
      else
        va_test_chat_open_link (self, event->text);
    }
}

/* What the engagement hub says of the handoff. */
void
va_test_chat_show_handoff_status (VaTestChat *self,
                                  VaEvent    *event)
{
  const char *text = status_text (event->name);
  g_autofree char *other = NULL;
  const char *link = NULL;
  GtkWidget *row;

  if (text == NULL)
    text = other = g_strdup_printf (_("The engagement hub says: %s"), event->name);
  row = va_chat_notice_row_new (VA_CHAT_NOTICE_INFO, text, event->text);
  if (event->data != NULL && JSON_NODE_HOLDS_VALUE (event->data) &&
      json_node_get_value_type (event->data) == G_TYPE_STRING)
    link = json_node_get_string (event->data);
  if (link != NULL)
    va_chat_row_add_button (row, _("_Open Chat Canvas"), "chat.open-link",
                            g_variant_new_string (link));
  va_test_chat_append_row (self, row, VA_CHAT_SENDER_NONE);
  if (self->awaiting_hub && link != NULL)
    {
      /* Our own hub's page on 127.0.0.1, with a token we were given: no need to ask. */
      va_uri_opener_confirm (va_bot_get_id (self->bot), link);
      self->awaiting_hub = FALSE;
      va_test_chat_open_link (self, link);
    }
  else
    {
      if (link == NULL)
        link = self->handoff_link;
      if (link != NULL && self->handoff_link != NULL)
        va_test_chat_open_link (self, link);
    }
  g_clear_pointer (&self->handoff_link, g_free);
}

/* The hub built into the app: one for the process, started the first time a test chat needs
 * it, so nothing listens on a port before then. */
static VaHub *
shared_hub (GError **error)
{
  static VaHub *hub;

  if (hub == NULL)
    hub = va_hub_new ();
  if (!va_hub_is_running (hub) && !va_hub_start (hub, error))
    return NULL;
  return hub;
}

/* A new bot uses the built-in hub (its settings say so) until its author sets a hub of their own. */
static gboolean
uses_builtin_hub (VaBot *bot)
{
  return va_bot_get_test_hub (bot);
}

/* Gives the new conversation's handoffs to the built-in hub, when the bot uses it. */
void
va_test_chat_attach_hub (VaTestChat *self)
{
  g_autoptr(GError) error = NULL;
  VaHub *hub;

  if (!uses_builtin_hub (self->bot))
    return;
  hub = shared_hub (&error);
  if (hub != NULL)
    {
      self->hub = g_object_ref (hub);
      va_hub_attach (hub, self->conversation);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("The built-in test hub could not start: %s"),
                                               error->message);
      va_test_chat_show_error (self, text);
    }
}

static void
link_opened (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(VaTestChat) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!va_uri_opener_open_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (_("The link could not be opened: %s"),
                                               error->message);

      va_test_chat_show_error (self, text);
    }
}

/* Opens @uri in the browser, once the user agreed (va-uri-opener.c); says in the chat if it
 * could not. */
void
va_test_chat_open_link (VaTestChat *self,
                        const char *uri)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  va_uri_opener_open (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri,
                      self->bot != NULL ? va_bot_get_id (self->bot) : NULL,
                      self->cancellable, link_opened, g_object_ref (self));
}
