/* va-test-chat.c — the test chat panel: talk to the bot as it is being edited
 *
 * The panel reads one stream, the conversation's "event" signal (the same one the command line's
 * chat prints), and turns each event into a row: bubbles for what the user, the bot and the human
 * agent say, small notices for topics, errors and the end, a banner for the handoff. The details
 * pane shows the variables and, for the last user message, how the recognizer ranked the topics.
 *
 * A VaScriptRecorder listens to the same conversation, so "Save as Test" writes exactly what
 * happened as a transcript script that `virtual-agent-cli run` replays.
 *
 * Restart makes a new recognizer of the bot as it is now: its index is built at once (a few
 * milliseconds), the trained model follows from a worker thread, so the greeting shows at once.
 *
 * This file holds the widget, its conversation and its actions; va-test-chat-private.h lists the
 * files that hold the rest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "va-bot-recognizer.h"
#include "va-test-chat-private.h"

G_DEFINE_FINAL_TYPE (VaTestChat, va_test_chat, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_BOT,
  PROP_TRACK,
  PROP_CONVERSATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_NODE_REACHED,
  SIGNAL_OPEN_SETTINGS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* {{{ Helpers */

static void
scroll_to_end (VaTestChat *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                        gtk_adjustment_get_page_size (adjustment));
}

static gboolean
scroll_to_end_later (gpointer data)
{
  VaTestChat *self = data;

  self->scroll_idle = 0;
  if (self->follow)
    scroll_to_end (self);
  return G_SOURCE_REMOVE;
}

/* The list grew (or the pane shrank): keep the newest message in view, unless the user scrolled
 * back to read. */
static void
adjustment_changed (GtkAdjustment *adjustment,
                    GParamSpec    *pspec,
                    VaTestChat    *self)
{
  self->last_upper = gtk_adjustment_get_upper (adjustment);
  self->last_page_size = gtk_adjustment_get_page_size (adjustment);
  /* Not now: this runs in the middle of a layout, which would not move the view. */
  if (self->follow && self->scroll_idle == 0)
    self->scroll_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, scroll_to_end_later, self, NULL);
}

static void
adjustment_value_changed (GtkAdjustment *adjustment,
                          VaTestChat    *self)
{
  double upper = gtk_adjustment_get_upper (adjustment);
  double page_size = gtk_adjustment_get_page_size (adjustment);

  /* A new size clamps the value before its notifications: that is not the user scrolling. */
  if (upper != self->last_upper || page_size != self->last_page_size)
    return;
  self->follow = gtk_adjustment_get_value (adjustment) + page_size >= upper - 2.0;
}

void
va_test_chat_update_sensitivity (VaTestChat *self)
{
  gboolean busy = self->conversation != NULL && va_conversation_get_busy (self->conversation);
  gboolean can_type = self->conversation != NULL && !busy;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (!can_type && focus != NULL &&
      (focus == GTK_WIDGET (self->entry) ||
       gtk_widget_is_ancestor (focus, GTK_WIDGET (self->entry))))
    {
      /* GTK 4.8 loses the entry's focus-out when it turns insensitive with the focus in it. */
      self->refocus = TRUE;
      gtk_root_set_focus (root, NULL);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->entry), can_type);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chat.send", can_type && text[0] != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chat.choose", can_type);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chat.save-transcript", self->recorder != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chat.restart", self->bot != NULL);
  if (can_type && self->refocus)
    {
      self->refocus = FALSE;
      gtk_widget_grab_focus (GTK_WIDGET (self->entry));
    }
}

/* For the events of the conversation, when the canvas follows it. */
void
va_test_chat_node_reached (VaTestChat *self,
                           const char *topic_id,
                           const char *node_id)
{
  g_signal_emit (self, signals[SIGNAL_NODE_REACHED], 0, topic_id, node_id);
}

/* }}} */
/* {{{ Conversation */

static void
recognizer_built (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Until now the recognizer answered from its index alone; nothing to do but finish. */
  if (!va_recognizer_build_finish (VA_RECOGNIZER (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Training the recognizer failed: %s", error->message);
}

static void
stop_conversation (VaTestChat *self)
{
  if (self->build_cancellable != NULL)
    g_cancellable_cancel (self->build_cancellable);
  g_clear_object (&self->build_cancellable);
  g_clear_pointer (&self->recorder, va_script_recorder_free);
  if (self->conversation != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->conversation, self);
      if (self->hub != NULL)
        va_hub_detach (self->hub, self->conversation);
      va_conversation_cancel (self->conversation);
      g_clear_object (&self->conversation);
    }
  g_clear_object (&self->hub);
  self->awaiting_hub = FALSE;
}

/**
 * va_test_chat_restart:
 * @self: a test chat
 *
 * Clears the chat and starts a new conversation with the bot as it is now, with a new
 * recognizer of its topics: the greeting appears.
 */
void
va_test_chat_restart (VaTestChat *self)
{
  g_autoptr(VaRecognizer) recognizer = NULL;

  g_return_if_fail (VA_IS_TEST_CHAT (self));

  stop_conversation (self);
  va_chat_list_clear (self->messages);
  va_test_chat_retire_choices (self);
  self->last_sender = VA_CHAT_SENDER_NONE;
  self->follow = TRUE;
  g_clear_pointer (&self->last_user_text, g_free);
  g_clear_pointer (&self->first_topic_id, g_free);
  g_clear_pointer (&self->handoff_link, g_free);
  va_test_chat_reset_recognition (self);

  if (self->bot != NULL)
    {
      self->build_cancellable = g_cancellable_new ();
      recognizer = va_recognizer_new (va_bot_get_language (self->bot));
      va_bot_recognizer_populate (recognizer, self->bot);
      va_recognizer_build_async (recognizer, self->build_cancellable, recognizer_built, NULL);

      self->conversation = va_conversation_new (self->bot, recognizer);
      self->recorder = va_script_recorder_new (self->conversation);
      va_test_chat_attach_hub (self);
      va_test_chat_watch_conversation (self);
    }
  va_test_chat_refresh_variables (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONVERSATION]);

  if (self->conversation != NULL)
    {
      va_conversation_start (self->conversation);
      va_test_chat_update_placeholder (self);
    }
  va_test_chat_update_sensitivity (self);
}

/* }}} */
/* {{{ Actions */

static void
restart_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  va_test_chat_restart (VA_TEST_CHAT (widget));
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VaTestChat *self = VA_TEST_CHAT (widget);
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));

  if (self->conversation == NULL || va_conversation_get_busy (self->conversation))
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  va_test_chat_send (self, text);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  va_test_chat_send (VA_TEST_CHAT (widget), g_variant_get_string (parameter, NULL));
}

static void
show_node_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  const char *topic_id, *node_id;

  g_variant_get (parameter, "(&s&s)", &topic_id, &node_id);
  g_signal_emit (widget, signals[SIGNAL_NODE_REACHED], 0, topic_id, node_id);
}

static void
open_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  va_test_chat_open_link (VA_TEST_CHAT (widget), g_variant_get_string (parameter, NULL));
}

static void
open_settings_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_OPEN_SETTINGS], 0);
}

static void
save_transcript_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  VaTestChat *self = VA_TEST_CHAT (widget);

  if (self->recorder != NULL)
    va_test_chat_choose_transcript_file (self);
}

/* }}} */
/* {{{ GObject */

static void
track_changed (VaTestChat *self)
{
  const char *topic_id, *node_id;

  /* Turned on mid-conversation: show where it is now. */
  if (!self->track || self->conversation == NULL)
    return;
  topic_id = va_conversation_get_topic_id (self->conversation);
  node_id = va_conversation_get_node_id (self->conversation);
  if (topic_id != NULL && node_id != NULL)
    g_signal_emit (self, signals[SIGNAL_NODE_REACHED], 0, topic_id, node_id);
}

static void
va_test_chat_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (va_test_chat_parent_class)->root (widget);
  va_test_chat_load_style (gtk_widget_get_display (widget));
}

static void
va_test_chat_map (GtkWidget *widget)
{
  VaTestChat *self = VA_TEST_CHAT (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (va_test_chat_parent_class)->map (widget);
  /* Typing is what the panel is for; and a selectable bubble must not take the first focus. */
  root = gtk_widget_get_root (widget);
  if (root != NULL && (gtk_root_get_focus (root) == NULL ||
                       gtk_widget_is_ancestor (gtk_root_get_focus (root), widget)))
    gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
va_test_chat_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  VaTestChat *self = VA_TEST_CHAT (object);

  switch (prop_id)
    {
    case PROP_BOT:
      g_value_set_object (value, self->bot);
      break;
    case PROP_TRACK:
      g_value_set_boolean (value, self->track);
      break;
    case PROP_CONVERSATION:
      g_value_set_object (value, self->conversation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_test_chat_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  VaTestChat *self = VA_TEST_CHAT (object);

  switch (prop_id)
    {
    case PROP_BOT:
      va_test_chat_set_bot (self, g_value_get_object (value));
      break;
    case PROP_TRACK:
      va_test_chat_set_track (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_test_chat_dispose (GObject *object)
{
  VaTestChat *self = VA_TEST_CHAT (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->scroll_idle, g_source_remove);
  stop_conversation (self);
  g_clear_weak_pointer (&self->choices);
  gtk_widget_dispose_template (GTK_WIDGET (self), VA_TYPE_TEST_CHAT);
  g_clear_object (&self->bot);

  G_OBJECT_CLASS (va_test_chat_parent_class)->dispose (object);
}

static void
va_test_chat_finalize (GObject *object)
{
  VaTestChat *self = VA_TEST_CHAT (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_free (self->history_draft);
  g_free (self->last_user_text);
  g_free (self->first_topic_id);
  g_free (self->handoff_link);

  G_OBJECT_CLASS (va_test_chat_parent_class)->finalize (object);
}

static void
va_test_chat_class_init (VaTestChatClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = va_test_chat_get_property;
  object_class->set_property = va_test_chat_set_property;
  object_class->dispose = va_test_chat_dispose;
  object_class->finalize = va_test_chat_finalize;
  widget_class->root = va_test_chat_root;
  widget_class->map = va_test_chat_map;

  properties[PROP_BOT] =
    g_param_spec_object ("bot", NULL, NULL, VA_TYPE_BOT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * VaTestChat:track:
   *
   * Whether every step of the conversation emits #VaTestChat::node-reached, so that the
   * canvas follows it ("Track between topics").
   */
  properties[PROP_TRACK] =
    g_param_spec_boolean ("track", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONVERSATION] =
    g_param_spec_object ("conversation", NULL, NULL, VA_TYPE_CONVERSATION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VaTestChat::node-reached:
   * @topic_id: the topic
   * @node_id: the node
   *
   * The conversation reached a node while #VaTestChat:track is on, or the user clicked a bot
   * message to see the node that said it.
   */
  signals[SIGNAL_NODE_REACHED] =
    g_signal_new ("node-reached", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * VaTestChat::open-settings:
   *
   * The user asked for the bot settings, to set the engagement hub link.
   */
  signals[SIGNAL_OPEN_SETTINGS] =
    g_signal_new ("open-settings", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "chat.restart", NULL, restart_action);
  gtk_widget_class_install_action (widget_class, "chat.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "chat.choose", "s", choose_action);
  gtk_widget_class_install_action (widget_class, "chat.show-node", "(ss)", show_node_action);
  gtk_widget_class_install_action (widget_class, "chat.open-link", "s", open_link_action);
  gtk_widget_class_install_action (widget_class, "chat.open-settings", NULL, open_settings_action);
  gtk_widget_class_install_action (widget_class, "chat.save-transcript", NULL,
                                   save_transcript_action);
  /* Class shortcuts only fire while the focus is inside the panel. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "chat.restart", NULL);

  g_type_ensure (ADW_TYPE_TOAST_OVERLAY);
  gtk_widget_class_set_css_name (widget_class, "vatestchat");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/VirtualAgent/ui/va-test-chat.ui");
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, details_button);
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, track_switch);
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, paned);
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, scroller);
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, messages);
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, details);
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, recognition_said);
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, recognition_decision);
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, recognition_list);
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, variables_empty);
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, variables_list);
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, entry);
  gtk_widget_class_bind_template_child (widget_class, VaTestChat, spinner);
}

static void
messages_row_activated (GtkListBox    *list,
                        GtkListBoxRow *row,
                        VaTestChat    *self)
{
  const char *topic_id = g_object_get_data (G_OBJECT (row), "topic-id");
  const char *node_id = g_object_get_data (G_OBJECT (row), "node-id");

  if (topic_id != NULL && node_id != NULL)
    g_signal_emit (self, signals[SIGNAL_NODE_REACHED], 0, topic_id, node_id);
}

static void
va_test_chat_init (VaTestChat *self)
{
  GtkAdjustment *adjustment;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->history = g_ptr_array_new_with_free_func (g_free);
  self->follow = TRUE;

  g_object_bind_property (self, "track", self->track_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  va_test_chat_init_entry (self);
  g_signal_connect (self->messages, "row-activated", G_CALLBACK (messages_row_activated), self);
  va_test_chat_init_details (self);

  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  g_signal_connect (adjustment, "notify::upper", G_CALLBACK (adjustment_changed), self);
  g_signal_connect (adjustment, "notify::page-size", G_CALLBACK (adjustment_changed), self);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (adjustment_value_changed), self);

  va_test_chat_reset_recognition (self);
  va_test_chat_refresh_variables (self);
  va_test_chat_update_sensitivity (self);
}

/* }}} */
/* {{{ Public API */

/**
 * va_test_chat_new:
 * @bot: (nullable): the bot to test
 *
 * Returns: (transfer floating): a test chat, already greeted by @bot
 */
GtkWidget *
va_test_chat_new (VaBot *bot)
{
  g_return_val_if_fail (bot == NULL || VA_IS_BOT (bot), NULL);

  return g_object_new (VA_TYPE_TEST_CHAT, "bot", bot, NULL);
}

/**
 * va_test_chat_get_bot:
 * @self: a test chat
 *
 * Returns: (transfer none) (nullable): the bot under test
 */
VaBot *
va_test_chat_get_bot (VaTestChat *self)
{
  g_return_val_if_fail (VA_IS_TEST_CHAT (self), NULL);

  return self->bot;
}

/**
 * va_test_chat_set_bot:
 * @self: a test chat
 * @bot: (nullable): the bot to test
 *
 * Tests another bot (one that was opened): the chat restarts with it.
 */
void
va_test_chat_set_bot (VaTestChat *self,
                      VaBot      *bot)
{
  g_return_if_fail (VA_IS_TEST_CHAT (self));
  g_return_if_fail (bot == NULL || VA_IS_BOT (bot));

  if (!g_set_object (&self->bot, bot))
    return;
  va_test_chat_restart (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOT]);
}

/**
 * va_test_chat_get_conversation:
 * @self: a test chat
 *
 * Returns: (transfer none) (nullable): the current conversation; restarting replaces it
 */
VaConversation *
va_test_chat_get_conversation (VaTestChat *self)
{
  g_return_val_if_fail (VA_IS_TEST_CHAT (self), NULL);

  return self->conversation;
}

gboolean
va_test_chat_get_track (VaTestChat *self)
{
  g_return_val_if_fail (VA_IS_TEST_CHAT (self), FALSE);

  return self->track;
}

void
va_test_chat_set_track (VaTestChat *self,
                        gboolean    track)
{
  g_return_if_fail (VA_IS_TEST_CHAT (self));

  track = !!track;
  if (self->track == track)
    return;
  self->track = track;
  track_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACK]);
}

GtkListBox *
va_test_chat_get_message_list (VaTestChat *self)
{
  return self->messages;
}

GtkListBox *
va_test_chat_get_recognition_list (VaTestChat *self)
{
  return self->recognition_list;
}

GtkLabel *
va_test_chat_get_recognition_decision (VaTestChat *self)
{
  return self->recognition_decision;
}

GtkListBox *
va_test_chat_get_variables_list (VaTestChat *self)
{
  return self->variables_list;
}

GtkEntry *
va_test_chat_get_entry (VaTestChat *self)
{
  return self->entry;
}

GtkToggleButton *
va_test_chat_get_details_button (VaTestChat *self)
{
  return self->details_button;
}

/* }}} */
