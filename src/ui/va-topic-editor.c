/* va-topic-editor.c — one topic: name, description, trigger phrases, canvas and inspector
 *
 * The fields edit the topic through the window's VaHistory, so every change can be undone; typing
 * merges into one step per field. A change that comes from elsewhere (undo, the sidebar) updates
 * the fields; `updating` keeps the two directions from feeding each other.
 *
 * The trigger phrases warn when one of them is close to another topic's phrases: a recognizer of
 * the other topics is built in the background when the topic is shown, and each phrase is ranked
 * against it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "va-bot-recognizer.h"
#include "va-topic-editor.h"

/* A phrase that the recognizer gives another topic with this confidence is "close" to it. */
#define CLOSE_SCORE 0.5

struct _VaTopicEditor
{
  GtkWidget     parent_instance;

  VaBot        *bot;
  VaHistory    *history;
  VaTopic      *topic;
  VaRecognizer *others;        /* the other topics, for the phrase warnings */
  GCancellable *cancellable;
  gboolean      updating;
  guint         n_warnings;

  /* template widgets */
  GtkWidget    *box;
  GtkEntry     *name_entry;
  GtkLabel     *system_label;
  GtkSwitch    *enabled_switch;
  GtkEntry     *description_entry;
  GtkExpander  *phrases_expander;
  GtkPaned     *paned;
  GtkListBox   *phrases_list;
  GtkEntry     *add_phrase_entry;
  VaCanvas     *canvas;
  VaInspector  *inspector;
};

G_DEFINE_FINAL_TYPE (VaTopicEditor, va_topic_editor, GTK_TYPE_WIDGET)

/* {{{ Trigger phrases */

static GStrv
copy_phrases (VaTopic *topic)
{
  const char * const *phrases = va_topic_get_trigger_phrases (topic);

  return g_strdupv ((char **) (phrases != NULL ? phrases : (const char * const[]) { NULL }));
}

static void set_phrases (VaTopicEditor *self, GStrv phrases, gboolean continuous);
static void refresh_phrases (VaTopicEditor *self);

static char *
warning_for (VaTopicEditor *self,
             const char    *phrase)
{
  VaRecognizerMatch match;
  VaTopic *other;

  if (self->others == NULL || phrase == NULL || phrase[0] == '\0' ||
      va_recognizer_rank (self->others, phrase, &match, 1) == 0 || match.score < CLOSE_SCORE ||
      (other = va_bot_find_topic (self->bot, match.topic_id, NULL)) == NULL)
    return NULL;
  /* Translators: a trigger phrase is close to the phrases of another topic; %s is its name. */
  return g_strdup_printf (_("Close to “%s” (%.0f %%): users who say this may get that topic"),
                          va_topic_get_name (other), match.score * 100.0);
}

static void
phrase_changed (GtkEditable   *editable,
                VaTopicEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (editable), GTK_TYPE_LIST_BOX_ROW);
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  g_auto(GStrv) phrases = NULL;
  GtkLabel *warning = g_object_get_data (G_OBJECT (row), "warning");
  g_autofree char *text = NULL;

  if (self->updating || self->topic == NULL)
    return;
  phrases = copy_phrases (self->topic);
  if (index < 0 || (guint) index >= g_strv_length (phrases))
    return;
  g_free (phrases[index]);
  phrases[index] = g_strdup (gtk_editable_get_text (editable));
  set_phrases (self, phrases, TRUE);

  text = warning_for (self, phrases[index]);
  gtk_label_set_label (warning, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (warning), text != NULL);
}

static void
remove_phrase (GtkButton     *button,
               VaTopicEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  g_auto(GStrv) phrases = copy_phrases (self->topic);
  guint n = g_strv_length (phrases);

  if (index < 0 || (guint) index >= n)
    return;
  g_free (phrases[index]);
  memmove (&phrases[index], &phrases[index + 1], (n - index) * sizeof (char *));
  va_history_seal (self->history);
  set_phrases (self, phrases, FALSE);
  refresh_phrases (self);
}

static GtkWidget *
make_phrase_row (VaTopicEditor *self,
                 const char    *phrase)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  GtkWidget *warning = gtk_label_new (NULL);
  g_autofree char *text = warning_for (self, phrase);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);

  gtk_editable_set_text (GTK_EDITABLE (entry), phrase);
  gtk_entry_set_has_frame (GTK_ENTRY (entry), FALSE);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Trigger phrase"), -1);
  g_signal_connect (entry, "changed", G_CALLBACK (phrase_changed), self);

  gtk_widget_set_tooltip_text (remove, _("Remove Phrase"));
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_phrase), self);

  gtk_label_set_xalign (GTK_LABEL (warning), 0);
  gtk_label_set_wrap (GTK_LABEL (warning), TRUE);
  gtk_label_set_label (GTK_LABEL (warning), text != NULL ? text : "");
  gtk_widget_set_visible (warning, text != NULL);
  gtk_widget_add_css_class (warning, "warning");
  gtk_widget_add_css_class (warning, "caption");

  gtk_box_append (GTK_BOX (line), entry);
  gtk_box_append (GTK_BOX (line), remove);
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), warning);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "warning", warning);
  if (text != NULL)
    self->n_warnings++;
  return row;
}

static void
update_expander_label (VaTopicEditor *self,
                       guint          n)
{
  g_autofree char *label = NULL;

  if (self->n_warnings > 0)
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "_Trigger phrases (%u, %u close to other topics)",
                                          "_Trigger phrases (%u, %u close to other topics)",
                                          n),
                             n, self->n_warnings);
  else
    label = g_strdup_printf (_("_Trigger phrases (%u)"), n);
  gtk_expander_set_label (self->phrases_expander, label);
}

static void
refresh_phrases (VaTopicEditor *self)
{
  GtkWidget *child;
  const char * const *phrases;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->phrases_list))) != NULL)
    gtk_list_box_remove (self->phrases_list, child);
  self->n_warnings = 0;
  if (self->topic == NULL)
    return;

  self->updating = TRUE;
  phrases = va_topic_get_trigger_phrases (self->topic);
  for (; phrases != NULL && phrases[n] != NULL; n++)
    gtk_list_box_append (self->phrases_list, make_phrase_row (self, phrases[n]));
  self->updating = FALSE;
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->phrases_list)), n > 0);
  update_expander_label (self, n);
}

static void
set_phrases (VaTopicEditor *self,
             GStrv          phrases,
             gboolean       continuous)
{
  g_auto(GValue) value = G_VALUE_INIT;

  self->updating = TRUE;
  g_value_init (&value, G_TYPE_STRV);
  g_value_set_boxed (&value, phrases);
  if (continuous)
    va_history_set_continuous (self->history, self->topic, "trigger-phrases", &value);
  else
    va_history_set_value (self->history, self->topic, "trigger-phrases", &value);
  self->updating = FALSE;
}

/* Adds every line of the text as a phrase (a paste of many lines adds them all), skipping
 * blank lines and phrases the topic has already. */
static void
add_phrases (VaTopicEditor *self,
             const char    *text)
{
  g_auto(GStrv) lines = g_strsplit_set (text, "\r\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *old = va_topic_get_trigger_phrases (self->topic);
  g_auto(GStrv) phrases = NULL;
  guint added = 0;

  if (old != NULL)
    g_strv_builder_addv (builder, (const char **) old);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (line[0] == '\0' || (old != NULL && g_strv_contains (old, line)))
        continue;
      g_strv_builder_add (builder, line);
      added++;
    }
  if (added == 0)
    return;
  phrases = g_strv_builder_end (builder);
  va_history_seal (self->history);
  set_phrases (self, phrases, FALSE);
  refresh_phrases (self);
}

static void
add_phrase_activated (GtkEntry      *entry,
                      VaTopicEditor *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));

  if (self->topic == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  add_phrases (self, text);
}

static void
add_phrase_changed (GtkEditable   *editable,
                    VaTopicEditor *self)
{
  const char *text = gtk_editable_get_text (editable);

  /* A paste of several lines: add them at once. */
  if (strchr (text, '\n') != NULL)
    add_phrase_activated (GTK_ENTRY (editable), self);
}

static void
others_built (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  VaRecognizer *recognizer = VA_RECOGNIZER (source);
  g_autoptr(GError) error = NULL;
  VaTopicEditor *self;

  if (!va_recognizer_build_finish (recognizer, result, &error))
    return;
  self = VA_TOPIC_EDITOR (user_data);
  g_set_object (&self->others, recognizer);
  refresh_phrases (self);
}

/* A recognizer of every other enabled topic, built in the background. */
static void
build_others (VaTopicEditor *self)
{
  g_autoptr(VaRecognizer) recognizer = NULL;
  GListModel *topics = va_bot_get_topics (self->bot);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->others);
  if (self->topic == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  recognizer = va_recognizer_new (va_bot_get_language (self->bot));
  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(VaTopic) topic = g_list_model_get_item (topics, i);
      const char * const *phrases = va_topic_get_trigger_phrases (topic);

      if (topic == self->topic || !va_topic_get_enabled (topic) || phrases == NULL ||
          phrases[0] == NULL)
        continue;
      va_recognizer_add_topic (recognizer, va_topic_get_id (topic), phrases);
    }
  va_recognizer_build_async (recognizer, self->cancellable, others_built, self);
}

/* }}} */
/* {{{ Name, description, enabled */

static void
set_string (VaTopicEditor *self,
            const char    *property,
            const char    *text)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (self->updating || self->topic == NULL)
    return;
  self->updating = TRUE;
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  va_history_set_continuous (self->history, self->topic, property, &value);
  self->updating = FALSE;
}

static void
name_changed (GtkEditable   *editable,
              VaTopicEditor *self)
{
  set_string (self, "name", gtk_editable_get_text (editable));
}

static void
description_changed (GtkEditable   *editable,
                     VaTopicEditor *self)
{
  set_string (self, "description", gtk_editable_get_text (editable));
}

static void
enabled_changed (GtkSwitch     *widget,
                 GParamSpec    *pspec,
                 VaTopicEditor *self)
{
  if (self->updating || self->topic == NULL ||
      gtk_switch_get_active (widget) == va_topic_get_enabled (self->topic))
    return;
  va_history_set (self->history, self->topic, "enabled", gtk_switch_get_active (widget), NULL);
}

static void
set_entry_text (VaTopicEditor *self,
                GtkEntry      *entry,
                const char    *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), text != NULL ? text : "") == 0)
    return;
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  self->updating = FALSE;
}

static void
topic_notify (VaTopic       *topic,
              GParamSpec    *pspec,
              VaTopicEditor *self)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "name"))
    set_entry_text (self, self->name_entry, va_topic_get_name (topic));
  else if (g_str_equal (name, "description"))
    set_entry_text (self, self->description_entry, va_topic_get_description (topic));
  else if (g_str_equal (name, "enabled"))
    {
      self->updating = TRUE;
      gtk_switch_set_active (self->enabled_switch, va_topic_get_enabled (topic));
      self->updating = FALSE;
    }
  else if (g_str_equal (name, "trigger-phrases") && !self->updating)
    refresh_phrases (self);
}

/* }}} */
/* {{{ Canvas and inspector */

static void
selected_node_changed (VaCanvas      *canvas,
                       GParamSpec    *pspec,
                       VaTopicEditor *self)
{
  va_inspector_set_node (self->inspector, self->topic, va_canvas_get_selected_node (canvas));
}

static void
node_activated (VaCanvas      *canvas,
                VaNode        *node,
                VaTopicEditor *self)
{
  va_inspector_set_node (self->inspector, self->topic, node);
  gtk_widget_child_focus (GTK_WIDGET (self->inspector), GTK_DIR_TAB_FORWARD);
}

/* The inspector keeps its width and the canvas gets the rest, also when the window grows. */
static void
paned_max_changed (GtkPaned   *paned,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  int max = 0;

  g_object_get (paned, "max-position", &max, NULL);
  gtk_paned_set_position (paned, max);
}

static void
forward_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VaTopicEditor *self = VA_TOPIC_EDITOR (widget);
  g_autofree char *name = g_strconcat ("canvas.", strchr (action_name, '.') + 1, NULL);

  gtk_widget_activate_action_variant (GTK_WIDGET (self->canvas), name, parameter);
}

/* }}} */
/* {{{ GObject */

static void
va_topic_editor_dispose (GObject *object)
{
  VaTopicEditor *self = VA_TOPIC_EDITOR (object);

  if (self->topic != NULL)
    g_signal_handlers_disconnect_by_data (self->topic, self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), VA_TYPE_TOPIC_EDITOR);
  g_clear_object (&self->others);
  g_clear_object (&self->topic);
  g_clear_object (&self->history);
  g_clear_object (&self->bot);

  G_OBJECT_CLASS (va_topic_editor_parent_class)->dispose (object);
}

static void
va_topic_editor_class_init (VaTopicEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = va_topic_editor_dispose;

  g_type_ensure (VA_TYPE_CANVAS);
  g_type_ensure (VA_TYPE_INSPECTOR);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/VirtualAgent/ui/va-topic-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, VaTopicEditor, box);
  gtk_widget_class_bind_template_child (widget_class, VaTopicEditor, name_entry);
  gtk_widget_class_bind_template_child (widget_class, VaTopicEditor, system_label);
  gtk_widget_class_bind_template_child (widget_class, VaTopicEditor, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, VaTopicEditor, description_entry);
  gtk_widget_class_bind_template_child (widget_class, VaTopicEditor, phrases_expander);
  gtk_widget_class_bind_template_child (widget_class, VaTopicEditor, paned);
  gtk_widget_class_bind_template_child (widget_class, VaTopicEditor, phrases_list);
  gtk_widget_class_bind_template_child (widget_class, VaTopicEditor, add_phrase_entry);
  gtk_widget_class_bind_template_child (widget_class, VaTopicEditor, canvas);
  gtk_widget_class_bind_template_child (widget_class, VaTopicEditor, inspector);

  gtk_widget_class_install_action (widget_class, "editor.zoom-in", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "editor.zoom-out", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "editor.zoom-fit", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "editor.tidy", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "editor.insert", "s", forward_action);
}

static void
va_topic_editor_init (VaTopicEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self->name_entry, "changed", G_CALLBACK (name_changed), self);
  g_signal_connect (self->description_entry, "changed", G_CALLBACK (description_changed), self);
  g_signal_connect (self->enabled_switch, "notify::active", G_CALLBACK (enabled_changed), self);
  g_signal_connect (self->add_phrase_entry, "activate", G_CALLBACK (add_phrase_activated), self);
  g_signal_connect (self->add_phrase_entry, "icon-release", G_CALLBACK (add_phrase_activated), self);
  g_signal_connect (self->add_phrase_entry, "changed", G_CALLBACK (add_phrase_changed), self);
  g_signal_connect (self->canvas, "notify::selected-node", G_CALLBACK (selected_node_changed), self);
  g_signal_connect (self->paned, "notify::max-position", G_CALLBACK (paned_max_changed), NULL);
  g_signal_connect (self->canvas, "node-activated", G_CALLBACK (node_activated), self);
}

/* }}} */
/* {{{ Public API */

/**
 * va_topic_editor_new:
 * @bot: the bot
 * @history: the window's undo history, which every edit goes through
 *
 * Returns: (transfer floating): an editor showing no topic
 */
GtkWidget *
va_topic_editor_new (VaBot     *bot,
                     VaHistory *history)
{
  VaTopicEditor *self;

  g_return_val_if_fail (VA_IS_BOT (bot), NULL);
  g_return_val_if_fail (VA_IS_HISTORY (history), NULL);

  self = g_object_new (VA_TYPE_TOPIC_EDITOR, NULL);
  self->bot = g_object_ref (bot);
  self->history = g_object_ref (history);
  va_canvas_set_history (self->canvas, history);
  va_canvas_set_bot (self->canvas, bot);
  va_inspector_set_bot (self->inspector, bot);
  va_inspector_set_history (self->inspector, history);
  return GTK_WIDGET (self);
}

VaTopic *
va_topic_editor_get_topic (VaTopicEditor *self)
{
  g_return_val_if_fail (VA_IS_TOPIC_EDITOR (self), NULL);
  return self->topic;
}

/**
 * va_topic_editor_set_topic:
 * @self: an editor
 * @topic: (nullable): the topic to show
 */
void
va_topic_editor_set_topic (VaTopicEditor *self,
                           VaTopic       *topic)
{
  g_return_if_fail (VA_IS_TOPIC_EDITOR (self));

  if (self->topic == topic)
    return;
  va_history_seal (self->history);
  if (self->topic != NULL)
    g_signal_handlers_disconnect_by_data (self->topic, self);
  g_set_object (&self->topic, topic);

  gtk_widget_set_visible (self->box, topic != NULL);
  if (topic != NULL)
    {
      g_signal_connect (topic, "notify", G_CALLBACK (topic_notify), self);
      set_entry_text (self, self->name_entry, va_topic_get_name (topic));
      set_entry_text (self, self->description_entry, va_topic_get_description (topic));
      self->updating = TRUE;
      gtk_switch_set_active (self->enabled_switch, va_topic_get_enabled (topic));
      self->updating = FALSE;
      gtk_widget_set_visible (GTK_WIDGET (self->system_label), va_topic_is_system (topic));
      /* The canvas gets the room; the phrases open at once only when there are none yet. */
      gtk_expander_set_expanded (self->phrases_expander,
                                 !va_topic_is_system (topic) &&
                                 (va_topic_get_trigger_phrases (topic) == NULL ||
                                  va_topic_get_trigger_phrases (topic)[0] == NULL));
    }
  refresh_phrases (self);
  build_others (self);
  va_canvas_set_topic (self->canvas, topic);
  va_inspector_set_node (self->inspector, topic, NULL);
}

VaCanvas *
va_topic_editor_get_canvas (VaTopicEditor *self)
{
  g_return_val_if_fail (VA_IS_TOPIC_EDITOR (self), NULL);
  return self->canvas;
}

VaInspector *
va_topic_editor_get_inspector (VaTopicEditor *self)
{
  g_return_val_if_fail (VA_IS_TOPIC_EDITOR (self), NULL);
  return self->inspector;
}

/**
 * va_topic_editor_show_node:
 * @self: an editor
 * @node_id: (nullable): a node of the topic shown
 *
 * Selects the node on the canvas and shows it in the inspector.
 */
void
va_topic_editor_show_node (VaTopicEditor *self,
                           const char    *node_id)
{
  VaNode *node;

  g_return_if_fail (VA_IS_TOPIC_EDITOR (self));

  if (self->topic == NULL || node_id == NULL ||
      (node = va_topic_find_node (self->topic, node_id, NULL)) == NULL)
    return;
  va_canvas_select_node (self->canvas, node);
  va_inspector_set_node (self->inspector, self->topic, node);
}

guint
va_topic_editor_get_n_phrase_warnings (VaTopicEditor *self)
{
  g_return_val_if_fail (VA_IS_TOPIC_EDITOR (self), 0);
  return self->n_warnings;
}

/* }}} */
