/* va-window.c
 *
 * A window edits one bot: the topics sidebar (custom and system topics,
 * bound to the model's list of topics) and the topic area.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "va-window-private.h"
#include "va-topic.h"

struct _VaWindow
{
  AdwApplicationWindow parent_instance;

  VaBot *bot;
  VaHistory *history;
  GFile *file;

  GtkSingleSelection *custom_selection;
  GtkSingleSelection *system_selection;

  /* template widgets */
  AdwWindowTitle *window_title;
  GtkListView *custom_list;
  GtkListView *system_list;
  AdwStatusPage *topic_page;
};

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
  title = va_history_get_modified (self->history) ? g_strdup_printf ("• %s", name) : g_strdup (name);
  subtitle = self->file != NULL ? g_file_get_basename (self->file) : g_strdup (_("Not saved"));

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), name);
}

static gboolean
filter_system (gpointer item,
               gpointer user_data)
{
  gboolean want_system = GPOINTER_TO_INT (user_data);

  return va_topic_is_system (VA_TOPIC (item)) == want_system;
}

static GtkSingleSelection *
make_selection (VaWindow *self,
                gboolean  system)
{
  GtkCustomFilter *filter = gtk_custom_filter_new (filter_system, GINT_TO_POINTER (system), NULL);
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;

  filtered = gtk_filter_list_model_new (g_object_ref (va_bot_get_topics (self->bot)), GTK_FILTER (filter));
  selection = gtk_single_selection_new (G_LIST_MODEL (filtered));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  return selection;
}

static void
show_topic (VaWindow *self,
            VaTopic  *topic)
{
  g_autoptr(GString) description = NULL;
  const char * const *phrases;
  guint n_phrases, n_nodes;

  if (topic == NULL)
    {
      adw_status_page_set_title (self->topic_page, _("No Topic Selected"));
      adw_status_page_set_description (self->topic_page, _("Pick a topic in the sidebar"));
      return;
    }

  phrases = va_topic_get_trigger_phrases (topic);
  n_phrases = phrases != NULL ? g_strv_length ((char **) phrases) : 0;
  n_nodes = g_list_model_get_n_items (va_topic_get_nodes (topic));

  description = g_string_new (NULL);
  if (va_topic_get_description (topic) != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (va_topic_get_description (topic), -1);

      g_string_append_printf (description, "%s\n\n", escaped);
    }
  g_string_append_printf (description,
                          g_dngettext (GETTEXT_PACKAGE, "%u trigger phrase", "%u trigger phrases", n_phrases),
                          n_phrases);
  g_string_append (description, " · ");
  g_string_append_printf (description,
                          g_dngettext (GETTEXT_PACKAGE, "%u node", "%u nodes", n_nodes), n_nodes);

  adw_status_page_set_title (self->topic_page, va_topic_get_name (topic));
  adw_status_page_set_description (self->topic_page, description->str);
}

static void
selection_changed (GtkSingleSelection *selection,
                   guint               position,
                   guint               n_items,
                   VaWindow           *self)
{
  GtkSingleSelection *other = selection == self->custom_selection ? self->system_selection : self->custom_selection;

  /* The two lists act as one: picking in one clears the other. */
  if (gtk_single_selection_get_selected (selection) != GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (other, GTK_INVALID_LIST_POSITION);

  show_topic (self, va_window_get_selected_topic (self));
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
  GtkApplication *app = gtk_window_get_application (window);
  GSettings *settings = VA_IS_APPLICATION (app) ? va_application_get_settings (VA_APPLICATION (app)) : NULL;

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

static void
va_window_constructed (GObject *object)
{
  VaWindow *self = VA_WINDOW (object);

  G_OBJECT_CLASS (va_window_parent_class)->constructed (object);

  if (self->bot == NULL)
    self->bot = g_object_new (VA_TYPE_BOT, NULL);

  self->custom_selection = make_selection (self, FALSE);
  self->system_selection = make_selection (self, TRUE);
  gtk_list_view_set_model (self->custom_list, GTK_SELECTION_MODEL (self->custom_selection));
  gtk_list_view_set_model (self->system_list, GTK_SELECTION_MODEL (self->system_selection));
  g_signal_connect_object (self->custom_selection, "selection-changed",
                           G_CALLBACK (selection_changed), self, 0);
  g_signal_connect_object (self->system_selection, "selection-changed",
                           G_CALLBACK (selection_changed), self, 0);

  g_signal_connect_object (self->history, "notify::modified", G_CALLBACK (update_title), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->bot, "notify::name", G_CALLBACK (update_title), self,
                           G_CONNECT_SWAPPED);
  update_title (self);
}

static void
va_window_dispose (GObject *object)
{
  VaWindow *self = VA_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), VA_TYPE_WINDOW);
  g_clear_object (&self->custom_selection);
  g_clear_object (&self->system_selection);

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
      self->file = g_value_dup_object (value);
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
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The list item template looks topics up by type name. */
  g_type_ensure (VA_TYPE_TOPIC);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/VirtualAgent/ui/va-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VaWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, VaWindow, custom_list);
  gtk_widget_class_bind_template_child (widget_class, VaWindow, system_list);
  gtk_widget_class_bind_template_child (widget_class, VaWindow, topic_page);
}

static void
va_window_init (VaWindow *self)
{
  self->history = va_history_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

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

/**
 * va_window_get_selected_topic:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): the topic selected in the sidebar
 */
VaTopic *
va_window_get_selected_topic (VaWindow *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->custom_selection);

  if (item == NULL)
    item = gtk_single_selection_get_selected_item (self->system_selection);
  return item;
}
