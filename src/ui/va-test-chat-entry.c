/* va-test-chat-entry.c — the test chat's entry: sending, and walking back through what was sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "va-test-chat-private.h"

/**
 * va_test_chat_send:
 * @self: a test chat
 * @text: what the user says
 *
 * Sends @text as the user, as if typed in the entry (it joins the entry's history).
 */
void
va_test_chat_send (VaTestChat *self,
                   const char *text)
{
  g_autofree char *message = NULL;

  g_return_if_fail (VA_IS_TEST_CHAT (self));
  g_return_if_fail (text != NULL);

  if (self->conversation == NULL)
    return;
  message = g_strstrip (g_strdup (text));
  if (message[0] == '\0')
    return;

  if (self->history->len == 0 ||
      g_strcmp0 (g_ptr_array_index (self->history, self->history->len - 1), message) != 0)
    g_ptr_array_add (self->history, g_strdup (message));
  self->history_pos = self->history->len;
  g_clear_pointer (&self->history_draft, g_free);
  self->follow = TRUE;
  va_conversation_send (self->conversation, message);
}

static void
set_entry_text (VaTestChat *self,
                const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
}

/* Up and Down walk what was sent, like a shell; Escape clears what is typed. */
static gboolean
entry_key_pressed (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   VaTestChat            *self)
{
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (self->history_pos == 0)
        return self->history->len > 0 ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
      if (self->history_pos == self->history->len)
        {
          g_free (self->history_draft);
          self->history_draft = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
        }
      self->history_pos--;
      set_entry_text (self, g_ptr_array_index (self->history, self->history_pos));
      return GDK_EVENT_STOP;

    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (self->history_pos >= self->history->len)
        return GDK_EVENT_PROPAGATE;
      self->history_pos++;
      set_entry_text (self, self->history_pos == self->history->len
                            ? self->history_draft
                            : g_ptr_array_index (self->history, self->history_pos));
      return GDK_EVENT_STOP;

    case GDK_KEY_Escape:
      if (gtk_editable_get_text (GTK_EDITABLE (self->entry))[0] == '\0')
        return GDK_EVENT_PROPAGATE;
      set_entry_text (self, "");
      self->history_pos = self->history->len;
      g_clear_pointer (&self->history_draft, g_free);
      return GDK_EVENT_STOP;

    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static void
entry_changed (GtkEditable *editable,
               VaTestChat  *self)
{
  va_test_chat_update_sensitivity (self);
}

static void
entry_activated (GtkEntry   *entry,
                 VaTestChat *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "chat.send", NULL);
}

void
va_test_chat_init_entry (VaTestChat *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  /* Before the entry's own handling, which would move the focus on Up and Down. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (entry_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
  g_signal_connect (self->entry, "activate", G_CALLBACK (entry_activated), self);
  g_signal_connect (self->entry, "changed", G_CALLBACK (entry_changed), self);
}
