/* va-window-topics.c — the topics sidebar: two lists (custom and system topics) that act as
 * one selection, search, the enable switch and problem badge of each row, and the topic
 * commands (new, duplicate, delete), each one undoable step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "va-format.h"
#include "va-message-node.h"
#include "va-window-private.h"

/* {{{ Filtering and selection */

static gboolean
filter_topic (gpointer item,
              gpointer user_data)
{
  GtkSearchEntry *entry = g_object_get_data (G_OBJECT (user_data), "search");
  gboolean want_system = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (user_data), "system"));
  VaTopic *topic = VA_TOPIC (item);
  const char *search = entry != NULL ? gtk_editable_get_text (GTK_EDITABLE (entry)) : "";
  g_autofree char *name = NULL;
  g_autofree char *needle = NULL;

  if (va_topic_is_system (topic) != want_system)
    return FALSE;
  if (search[0] == '\0')
    return TRUE;
  name = g_utf8_casefold (va_topic_get_name (topic) != NULL ? va_topic_get_name (topic) : "", -1);
  needle = g_utf8_casefold (search, -1);
  return strstr (name, needle) != NULL;
}

static GtkSingleSelection *
make_selection (VaWindow   *self,
                gboolean    system,
                GtkFilter **filter_out)
{
  GtkCustomFilter *filter = gtk_custom_filter_new (filter_topic, NULL, NULL);
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;

  /* The filter function finds its parameters on the filter itself. */
  gtk_custom_filter_set_filter_func (filter, filter_topic, filter, NULL);
  g_object_set_data (G_OBJECT (filter), "search", self->search_entry);
  g_object_set_data (G_OBJECT (filter), "system", GINT_TO_POINTER (system));
  *filter_out = g_object_ref (GTK_FILTER (filter));

  filtered = gtk_filter_list_model_new (g_object_ref (va_bot_get_topics (self->bot)), GTK_FILTER (filter));
  selection = gtk_single_selection_new (G_LIST_MODEL (filtered));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  return selection;
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

static void
show_topic (VaWindow *self,
            VaTopic  *topic)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rename-topic", topic != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate-topic", topic != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-topic",
                                 topic != NULL && !va_topic_is_system (topic));
  va_topic_editor_set_topic (self->topic_editor, topic);
  gtk_stack_set_visible_child_name (self->content_stack, topic != NULL ? "editor" : "empty");
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

static gboolean
select_in (GtkSingleSelection *selection,
           VaTopic            *topic)
{
  GListModel *model = G_LIST_MODEL (selection);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(VaTopic) item = g_list_model_get_item (model, i);

      if (item == topic)
        {
          gtk_single_selection_set_selected (selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * va_window_select_topic:
 * @self: a window
 * @topic: a topic of the bot
 *
 * Selects @topic in the sidebar (clearing the search if it hides the topic) and shows it.
 */
void
va_window_select_topic (VaWindow *self,
                        VaTopic  *topic)
{
  GtkSingleSelection *selection = va_topic_is_system (topic) ? self->system_selection : self->custom_selection;

  if (!select_in (selection, topic))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      select_in (selection, topic);
    }
}

static void
search_changed (GtkSearchEntry *entry,
                VaWindow       *self)
{
  gtk_filter_changed (self->custom_filter, GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (self->system_filter, GTK_FILTER_CHANGE_DIFFERENT);
}

/* }}} */
/* {{{ Rows */

static void
update_badge (VaWindow *self,
              GtkLabel *badge,
              VaTopic  *topic)
{
  guint n = va_problems_panel_count_for_topic (self->problems_panel, va_topic_get_id (topic));
  g_autofree char *text = g_strdup_printf ("%u", n);
  g_autofree char *tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem",
                                                           "%u problems", n), n);

  gtk_label_set_label (badge, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (badge), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_set_visible (GTK_WIDGET (badge), n > 0);
}

void
va_window_update_badges (VaWindow *self)
{
  GHashTableIter iter;
  gpointer badge, topic;

  if (self->badges == NULL)
    return;
  g_hash_table_iter_init (&iter, self->badges);
  while (g_hash_table_iter_next (&iter, &badge, &topic))
    update_badge (self, badge, topic);
}

static void
enabled_toggled (GtkSwitch  *widget,
                 GParamSpec *pspec,
                 VaWindow   *self)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (widget), "item");
  VaTopic *topic = item != NULL ? gtk_list_item_get_item (item) : NULL;

  if (topic == NULL || gtk_switch_get_active (widget) == va_topic_get_enabled (topic))
    return;
  va_history_set (self->history, topic, "enabled", gtk_switch_get_active (widget), NULL);
}

static void
row_pressed (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             VaWindow        *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkListItem *item = g_object_get_data (G_OBJECT (row), "item");
  GtkWidget *popover = g_object_get_data (G_OBJECT (row), "menu");
  VaTopic *topic = item != NULL ? gtk_list_item_get_item (item) : NULL;

  if (topic == NULL)
    return;
  va_window_select_topic (self, topic);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           VaWindow                 *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *badge = gtk_label_new (NULL);
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *popover;
  GtkGesture *click = gtk_gesture_click_new ();
  GMenuModel *menu = G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (self), VA_TYPE_WINDOW,
                                                                  "topic_menu"));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (badge, "caption");
  gtk_widget_add_css_class (badge, "warning");
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (toggle, _("Topic is on"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Topic is on"), -1);
  g_object_set_data (G_OBJECT (toggle), "item", item);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (enabled_toggled), self);

  popover = gtk_popover_menu_new_from_model (menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), badge);
  gtk_box_append (GTK_BOX (box), toggle);
  gtk_box_append (GTK_BOX (box), popover);
  g_object_set_data (G_OBJECT (box), "item", item);
  g_object_set_data (G_OBJECT (box), "menu", popover);
  g_object_set_data (G_OBJECT (box), "label", label);
  g_object_set_data (G_OBJECT (box), "badge", badge);
  g_object_set_data (G_OBJECT (box), "switch", toggle);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (row_pressed), self);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (click));
  gtk_list_item_set_child (item, box);
}

static void
sync_row (GtkWidget *box)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (box), "item");
  VaTopic *topic = gtk_list_item_get_item (item);
  GtkWidget *label = g_object_get_data (G_OBJECT (box), "label");
  GtkWidget *toggle = g_object_get_data (G_OBJECT (box), "switch");

  if (topic == NULL)
    return;
  gtk_label_set_label (GTK_LABEL (label), va_topic_get_name (topic));
  gtk_widget_set_sensitive (label, va_topic_get_enabled (topic));
  gtk_switch_set_active (GTK_SWITCH (toggle), va_topic_get_enabled (topic));
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          VaWindow                 *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  VaTopic *topic = gtk_list_item_get_item (item);
  GtkWidget *badge = g_object_get_data (G_OBJECT (box), "badge");

  sync_row (box);
  g_signal_connect_object (topic, "notify::name", G_CALLBACK (sync_row), box, G_CONNECT_SWAPPED);
  g_signal_connect_object (topic, "notify::enabled", G_CALLBACK (sync_row), box, G_CONNECT_SWAPPED);
  g_hash_table_insert (self->badges, badge, topic);
  update_badge (self, GTK_LABEL (badge), topic);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            VaWindow                 *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  VaTopic *topic = gtk_list_item_get_item (item);

  if (topic != NULL)
    g_signal_handlers_disconnect_by_data (topic, box);
  if (self->badges != NULL)
    g_hash_table_remove (self->badges, g_object_get_data (G_OBJECT (box), "badge"));
}

static GtkListItemFactory *
make_factory (VaWindow *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  return factory;
}

void
va_window_setup_topics (VaWindow *self)
{
  g_autoptr(GtkListItemFactory) custom_factory = make_factory (self);
  g_autoptr(GtkListItemFactory) system_factory = make_factory (self);

  self->badges = g_hash_table_new (NULL, NULL);
  self->custom_selection = make_selection (self, FALSE, &self->custom_filter);
  self->system_selection = make_selection (self, TRUE, &self->system_filter);
  gtk_list_view_set_factory (self->custom_list, custom_factory);
  gtk_list_view_set_factory (self->system_list, system_factory);
  gtk_list_view_set_model (self->custom_list, GTK_SELECTION_MODEL (self->custom_selection));
  gtk_list_view_set_model (self->system_list, GTK_SELECTION_MODEL (self->system_selection));
  g_signal_connect_object (self->custom_selection, "selection-changed",
                           G_CALLBACK (selection_changed), self, 0);
  g_signal_connect_object (self->system_selection, "selection-changed",
                           G_CALLBACK (selection_changed), self, 0);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed), self, 0);
  show_topic (self, NULL);
}

/* }}} */
/* {{{ Topic commands */

void
va_window_new_topic (VaWindow *self)
{
  g_autoptr(VaTopic) topic = va_topic_new ();
  g_autoptr(VaMessageNode) message = va_message_node_new ("n1");
  g_autofree char *id = va_bot_make_topic_id (self->bot, _("New topic"));

  va_topic_set_id (topic, id);
  va_topic_set_name (topic, _("New topic"));
  va_message_node_set_text (message, _("Hello! This topic is new: tell the user something here."));
  g_list_store_append (G_LIST_STORE (va_topic_get_nodes (topic)), message);
  va_topic_set_start (topic, "n1");

  va_history_seal (self->history);
  va_history_begin (self->history, _("New Topic"));
  va_history_append (self->history, va_bot_get_topics (self->bot), topic);
  va_history_end (self->history);
  va_window_select_topic (self, topic);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.rename-topic", NULL);
}

/* A deep copy of a topic, through the file format so that every node kind and list is copied
 * the same way the file keeps it. */
static VaTopic *
copy_topic (VaWindow *self,
            VaTopic  *topic)
{
  g_autoptr(VaBot) bot = va_bot_new ();
  g_autoptr(VaBot) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autoptr(VaTopic) clone = NULL;
  GListModel *topics;

  va_bot_set_id (bot, "copy");
  va_bot_set_name (bot, "copy");
  g_list_store_append (G_LIST_STORE (va_bot_get_topics (bot)), topic);
  data = va_format_save_data (bot, NULL);
  g_list_store_remove_all (G_LIST_STORE (va_bot_get_topics (bot)));
  copy = va_format_load_data (data, -1, &error);
  if (copy == NULL)
    {
      va_window_show_error (self, _("Could Not Duplicate the Topic"), error->message);
      return NULL;
    }
  topics = va_bot_get_topics (copy);
  clone = g_list_model_get_item (topics, 0);
  g_list_store_remove_all (G_LIST_STORE (topics));
  return g_steal_pointer (&clone);
}

void
va_window_duplicate_topic (VaWindow *self)
{
  VaTopic *topic = va_window_get_selected_topic (self);
  g_autoptr(VaTopic) clone = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;
  guint position;

  if (topic == NULL || (clone = copy_topic (self, topic)) == NULL)
    return;
  /* Translators: the name of a copy of a topic; %s is the original's name. */
  name = g_strdup_printf (_("%s (copy)"), va_topic_get_name (topic));
  id = va_bot_make_topic_id (self->bot, name);
  va_topic_set_id (clone, id);
  va_topic_set_name (clone, name);
  /* Only one topic of each system kind: the copy is a custom topic. */
  va_topic_set_system (clone, VA_SYSTEM_TOPIC_NONE);

  va_bot_find_topic (self->bot, va_topic_get_id (topic), &position);
  va_history_seal (self->history);
  va_history_begin (self->history, _("Duplicate Topic"));
  va_history_insert (self->history, va_bot_get_topics (self->bot), position + 1, clone);
  va_history_end (self->history);
  va_window_select_topic (self, clone);
}

static void
undo_toast (AdwToast *toast,
            VaWindow *self)
{
  va_history_undo (self->history);
}

void
va_window_delete_topic (VaWindow *self)
{
  VaTopic *topic = va_window_get_selected_topic (self);
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (topic == NULL || va_topic_is_system (topic))
    return;
  title = g_strdup_printf (_("“%s” deleted"), va_topic_get_name (topic));
  va_history_seal (self->history);
  va_history_begin (self->history, _("Delete Topic"));
  va_history_remove_item (self->history, va_bot_get_topics (self->bot), topic);
  va_history_end (self->history);

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_toast), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* }}} */
