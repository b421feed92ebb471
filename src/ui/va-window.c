/* va-window.c
 *
 * A window edits one bot: the topics sidebar (custom and system topics, bound to the model's
 * list of topics), the topic editor (details, canvas, inspector) and the problems panel. Every
 * change goes through the window's VaHistory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "va-bot-settings.h"
#include "va-window-private.h"
#include "va-topic.h"

G_DEFINE_FINAL_TYPE (VaWindow, va_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_BOT,
  PROP_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_title (VaWindow *self)
{
  const char *name = va_bot_get_name (self->bot);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (name == NULL || name[0] == '\0')
    name = _("Untitled Bot");
  title = va_window_get_modified (self) ? g_strdup_printf ("• %s", name) : g_strdup (name);
  subtitle = self->file != NULL ? g_file_get_basename (self->file) : g_strdup (_("Not saved"));

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), name);
}

static void
update_actions (VaWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", va_history_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", va_history_can_redo (self->history));
}

static void
history_changed (VaWindow *self)
{
  update_title (self);
  update_actions (self);
  if (self->recovery != NULL)
    {
      va_recovery_set_modified (self->recovery, va_window_get_modified (self));
      va_recovery_changed (self->recovery);
    }
}

static void
problems_changed (VaWindow *self)
{
  guint n = va_problems_panel_get_n_problems (self->problems_panel);
  g_autofree char *tooltip = NULL;

  tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Problem", "%u Problems", n), n);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->problems_button), tooltip);
  if (n > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->problems_button), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->problems_button), "warning");
  va_window_update_badges (self);
}

static void
problem_activated (VaProblemsPanel *panel,
                   const char      *topic_id,
                   const char      *node_id,
                   VaWindow        *self)
{
  VaTopic *topic = va_bot_find_topic (self->bot, topic_id, NULL);

  if (topic == NULL)
    return;
  va_window_select_topic (self, topic);
  va_topic_editor_show_node (self->topic_editor, node_id);
}

static void
restore_window_state (VaWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings = VA_IS_APPLICATION (app) ? va_application_get_settings (VA_APPLICATION (app)) : NULL;

  if (settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
va_window_close_request (GtkWindow *window)
{
  VaWindow *self = VA_WINDOW (window);
  GtkApplication *app = gtk_window_get_application (window);
  GSettings *settings = VA_IS_APPLICATION (app) ? va_application_get_settings (VA_APPLICATION (app)) : NULL;

  if (!va_window_confirm_close (self))
    return TRUE;
  /* Saved, or the user chose to lose the changes: the recovery copy goes too. */
  if (self->recovery != NULL)
    va_recovery_discard (self->recovery);

  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (va_window_parent_class)->close_request (window);
}

/* {{{ Actions */

static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VaWindow *self = VA_WINDOW (widget);

  va_history_seal (self->history);
  va_history_undo (self->history);
}

static void
redo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  va_history_redo (VA_WINDOW (widget)->history);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  va_window_save (VA_WINDOW (widget), g_str_equal (action_name, "win.save-as"));
}

static void
topic_action_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  VaWindow *self = VA_WINDOW (widget);

  if (g_str_equal (action_name, "win.new-topic"))
    va_window_new_topic (self);
  else if (g_str_equal (action_name, "win.duplicate-topic"))
    va_window_duplicate_topic (self);
  else if (g_str_equal (action_name, "win.delete-topic"))
    va_window_delete_topic (self);
  else if (g_str_equal (action_name, "win.rename-topic") && va_window_get_selected_topic (self) != NULL)
    {
      GtkWidget *entry = gtk_widget_get_first_child (GTK_WIDGET (self->topic_editor));

      /* The name entry comes first in the editor's focus chain. */
      gtk_widget_child_focus (entry != NULL ? entry : GTK_WIDGET (self->topic_editor),
                              GTK_DIR_TAB_FORWARD);
    }
}

static void
find_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (VA_WINDOW (widget)->search_entry));
}

static void
show_problems_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GtkToggleButton *button = VA_WINDOW (widget)->problems_button;

  gtk_toggle_button_set_active (button, !gtk_toggle_button_get_active (button));
}

static void
close_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
bot_settings_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  VaWindow *self = VA_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (va_bot_settings_new (GTK_WINDOW (self), self->bot, self->history)));
}

/* The test chat reached a node: show its topic and light the node up on the canvas. */
static void
node_reached (VaTestChat *chat,
              const char *topic_id,
              const char *node_id,
              VaWindow   *self)
{
  VaTopic *topic = va_bot_find_topic (self->bot, topic_id, NULL);

  if (topic == NULL)
    return;
  if (topic != va_topic_editor_get_topic (self->topic_editor))
    va_window_select_topic (self, topic);
  va_canvas_set_highlighted_node (va_topic_editor_get_canvas (self->topic_editor), node_id);
}

static void
open_settings (VaTestChat *chat,
               VaWindow   *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.bot-settings", NULL);
}

static void
chat_toggled (GtkToggleButton *button,
              GParamSpec      *pspec,
              VaWindow        *self)
{
  if (gtk_toggle_button_get_active (button))
    {
      /* A conversation starts with the bot as it is now. */
      if (va_test_chat_get_conversation (self->test_chat) == NULL)
        va_test_chat_restart (self->test_chat);
      gtk_widget_child_focus (GTK_WIDGET (self->test_chat), GTK_DIR_TAB_FORWARD);
    }
  else
    va_canvas_set_highlighted_node (va_topic_editor_get_canvas (self->topic_editor), NULL);
}

static void
toggle_chat_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GtkToggleButton *button = VA_WINDOW (widget)->chat_button;

  gtk_toggle_button_set_active (button, !gtk_toggle_button_get_active (button));
}

static void
menu_shown (VaWindow *self)
{
  va_window_update_recent (self);
}

/* }}} */
/* {{{ GObject */

static void
va_window_constructed (GObject *object)
{
  VaWindow *self = VA_WINDOW (object);
  GtkStackPage *page;

  G_OBJECT_CLASS (va_window_parent_class)->constructed (object);

  if (self->bot == NULL)
    self->bot = g_object_new (VA_TYPE_BOT, NULL);

  self->topic_editor = VA_TOPIC_EDITOR (va_topic_editor_new (self->bot, self->history));
  page = gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->topic_editor), "editor");
  (void) page;

  va_window_setup_topics (self);

  self->test_chat = VA_TEST_CHAT (va_test_chat_new (self->bot));
  va_test_chat_set_track (self->test_chat, TRUE);
  {
    /* The chat's long messages wrap at this width instead of widening the window. */
    GtkWidget *clamp = adw_clamp_new ();

    adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 380);
    adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 380);
    gtk_widget_set_size_request (clamp, 340, -1);
    adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->test_chat));
    gtk_box_append (self->chat_box, clamp);
  }
  g_signal_connect_object (self->test_chat, "node-reached", G_CALLBACK (node_reached), self, 0);
  g_signal_connect_object (self->test_chat, "open-settings", G_CALLBACK (open_settings), self, 0);
  g_signal_connect_object (self->chat_button, "notify::active", G_CALLBACK (chat_toggled), self, 0);

  va_problems_panel_set_bot (self->problems_panel, self->bot);
  va_problems_panel_set_history (self->problems_panel, self->history);
  g_signal_connect_object (self->problems_panel, "problem-activated",
                           G_CALLBACK (problem_activated), self, 0);
  g_signal_connect_object (self->problems_panel, "notify::n-problems",
                           G_CALLBACK (problems_changed), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->history, "notify", G_CALLBACK (history_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->bot, "notify::name", G_CALLBACK (update_title), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_menu_button_get_popover (self->menu_button), "show",
                           G_CALLBACK (menu_shown), self, G_CONNECT_SWAPPED);
  history_changed (self);
  problems_changed (self);

  /* Open on something to look at: the first custom topic, else the first system topic. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->custom_selection)) > 0)
    gtk_single_selection_set_selected (self->custom_selection, 0);
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->system_selection)) > 0)
    gtk_single_selection_set_selected (self->system_selection, 0);
}

static void
va_window_dispose (GObject *object)
{
  VaWindow *self = VA_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), VA_TYPE_WINDOW);
  g_clear_object (&self->custom_selection);
  g_clear_object (&self->system_selection);
  g_clear_object (&self->custom_filter);
  g_clear_object (&self->system_filter);
  g_clear_pointer (&self->badges, g_hash_table_unref);
  g_clear_object (&self->recovery);

  G_OBJECT_CLASS (va_window_parent_class)->dispose (object);
}

static void
va_window_finalize (GObject *object)
{
  VaWindow *self = VA_WINDOW (object);

  g_clear_object (&self->bot);
  g_clear_object (&self->history);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (va_window_parent_class)->finalize (object);
}

static void
va_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  VaWindow *self = VA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BOT:
      g_value_set_object (value, self->bot);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  VaWindow *self = VA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BOT:
      self->bot = g_value_dup_object (value);
      break;

    case PROP_FILE:
      va_window_set_file (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_window_class_init (VaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = va_window_constructed;
  object_class->dispose = va_window_dispose;
  object_class->finalize = va_window_finalize;
  object_class->get_property = va_window_get_property;
  object_class->set_property = va_window_set_property;
  window_class->close_request = va_window_close_request;

  properties[PROP_BOT] =
    g_param_spec_object ("bot", NULL, NULL, VA_TYPE_BOT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VA_TYPE_TOPIC);
  g_type_ensure (VA_TYPE_PROBLEMS_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/VirtualAgent/ui/va-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VaWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, VaWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, VaWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, VaWindow, problems_button);
  gtk_widget_class_bind_template_child (widget_class, VaWindow, chat_button);
  gtk_widget_class_bind_template_child (widget_class, VaWindow, chat_box);
  gtk_widget_class_bind_template_child (widget_class, VaWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, VaWindow, custom_list);
  gtk_widget_class_bind_template_child (widget_class, VaWindow, system_list);
  gtk_widget_class_bind_template_child (widget_class, VaWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, VaWindow, topic_page);
  gtk_widget_class_bind_template_child (widget_class, VaWindow, problems_panel);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_activated);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "win.new-topic", NULL, topic_action_activated);
  gtk_widget_class_install_action (widget_class, "win.rename-topic", NULL, topic_action_activated);
  gtk_widget_class_install_action (widget_class, "win.duplicate-topic", NULL, topic_action_activated);
  gtk_widget_class_install_action (widget_class, "win.delete-topic", NULL, topic_action_activated);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_activated);
  gtk_widget_class_install_action (widget_class, "win.show-problems", NULL, show_problems_activated);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_activated);
  gtk_widget_class_install_action (widget_class, "win.bot-settings", NULL, bot_settings_activated);
  gtk_widget_class_install_action (widget_class, "win.toggle-chat", NULL, toggle_chat_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.toggle-chat", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.new-topic", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.rename-topic", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0, "win.show-problems", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close", NULL);
}

static void
va_window_init (VaWindow *self)
{
  self->history = va_history_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* }}} */
/* {{{ Public API */

/**
 * va_window_new:
 * @application: the application
 * @bot: the bot to edit
 * @file: (nullable): the file @bot was loaded from
 *
 * Returns: (transfer none): a new window, owned by @application
 */
VaWindow *
va_window_new (VaApplication *application,
               VaBot         *bot,
               GFile         *file)
{
  VaWindow *self = g_object_new (VA_TYPE_WINDOW,
                                 "application", application,
                                 "bot", bot,
                                 "file", file,
                                 NULL);

  /* GtkWindow:application is not a construct property: the settings can
   * only be reached once it is set.
   */
  restore_window_state (self);
  if (file != NULL)
    va_window_add_recent (file);

  /* Only a window of the app keeps a recovery copy: the UI tests' windows leave no files. */
  self->recovery = va_recovery_new (self->bot, va_application_get_settings (application));
  va_recovery_set_file (self->recovery, self->file);
  return self;
}

VaBot *
va_window_get_bot (VaWindow *self)
{
  g_return_val_if_fail (VA_IS_WINDOW (self), NULL);

  return self->bot;
}

VaHistory *
va_window_get_history (VaWindow *self)
{
  g_return_val_if_fail (VA_IS_WINDOW (self), NULL);

  return self->history;
}

GFile *
va_window_get_file (VaWindow *self)
{
  g_return_val_if_fail (VA_IS_WINDOW (self), NULL);

  return self->file;
}

void
va_window_set_file (VaWindow *self,
                    GFile    *file)
{
  g_return_if_fail (VA_IS_WINDOW (self));

  if (g_set_object (&self->file, file) && self->window_title != NULL && self->history != NULL)
    {
      if (self->recovery != NULL)
        va_recovery_set_file (self->recovery, file);
      update_title (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
    }
}

/**
 * va_window_is_pristine:
 * @self: a window
 *
 * Returns: whether the window shows a new bot that nobody changed, so opening a file may
 *   replace it
 */
gboolean
va_window_is_pristine (VaWindow *self)
{
  g_return_val_if_fail (VA_IS_WINDOW (self), FALSE);

  return self->file == NULL && !self->recovered && va_history_get_n_undo (self->history) == 0;
}

/**
 * va_window_get_modified:
 * @self: a window
 *
 * Returns: whether the bot has changes that are not in its file: edits, or a bot restored
 *   after a crash and not saved since
 */
gboolean
va_window_get_modified (VaWindow *self)
{
  g_return_val_if_fail (VA_IS_WINDOW (self), FALSE);

  return self->recovered || va_history_get_modified (self->history);
}

/**
 * va_window_set_recovered:
 * @self: a window
 *
 * Marks the bot as restored from a recovery copy: unsaved, whatever its history says, until
 * the user saves it.
 */
void
va_window_set_recovered (VaWindow *self)
{
  g_return_if_fail (VA_IS_WINDOW (self));

  self->recovered = TRUE;
  if (self->recovery != NULL)
    va_recovery_set_modified (self->recovery, TRUE);
  update_title (self);
}

/**
 * va_window_get_recovery:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): the window's recovery copy
 */
VaRecovery *
va_window_get_recovery (VaWindow *self)
{
  g_return_val_if_fail (VA_IS_WINDOW (self), NULL);

  return self->recovery;
}

/**
 * va_window_show_error:
 * @self: a window
 * @heading: what failed, in a few words
 * @details: why, with the place (file, line, JSON path)
 *
 * Tells the user about a failure in a dialog attached to the window.
 */
void
va_window_show_error (VaWindow   *self,
                      const char *heading,
                      const char *details)
{
  GtkWidget *dialog;

  g_return_if_fail (VA_IS_WINDOW (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, details);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkListView *
va_window_get_custom_list (VaWindow *self)
{
  return self->custom_list;
}

GtkListView *
va_window_get_system_list (VaWindow *self)
{
  return self->system_list;
}

AdwStatusPage *
va_window_get_topic_page (VaWindow *self)
{
  return self->topic_page;
}

VaTopicEditor *
va_window_get_topic_editor (VaWindow *self)
{
  return self->topic_editor;
}

VaProblemsPanel *
va_window_get_problems_panel (VaWindow *self)
{
  return self->problems_panel;
}

VaTestChat *
va_window_get_test_chat (VaWindow *self)
{
  return self->test_chat;
}

/* }}} */
