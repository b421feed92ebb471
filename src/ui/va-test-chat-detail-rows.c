/* va-test-chat-detail-rows.c — the rows of the test chat's details pane: the topics the
 * recognizer ranked for a message, and the conversation's variables
 *
 * Like the chat's other rows (va-test-chat-rows.c), these show text from a bot file or from the
 * person testing it, always as plain text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "va-test-chat-private.h"

/* Topics shown for a recognized message. */
#define MAX_RANKS 5

/**
 * va_chat_rank_row_new:
 * @topic_name: a topic the recognizer ranked
 * @score: its confidence, 0 to 1
 * @phrase: (nullable): its trigger phrase closest to the message
 * @threshold: the bot's recognition threshold, marked on the bar
 * @picked: whether the conversation started this topic
 *
 * Returns: (transfer floating): a row of the recognition list
 */
GtkWidget *
va_chat_rank_row_new (const char *topic_name,
                      double      score,
                      const char *phrase,
                      double      threshold,
                      gboolean    picked)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (topic_name);
  GtkWidget *percent;
  GtkWidget *bar = gtk_level_bar_new_for_interval (0.0, 1.0);
  g_autofree char *percent_text = NULL;
  g_autofree char *description = NULL;

  score = CLAMP (score, 0.0, 1.0);
  /* Translators: a confidence in percent, as in "82%". */
  percent_text = g_strdup_printf (_("%.0f%%"), score * 100.0);
  percent = gtk_label_new (percent_text);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  if (picked)
    {
      GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_widget_set_tooltip_text (check, _("Started by this message"));
      gtk_box_append (GTK_BOX (line), check);
      gtk_widget_add_css_class (name, "heading");
    }
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (percent, "numeric");
  gtk_widget_add_css_class (percent, "dim-label");
  gtk_box_append (GTK_BOX (line), name);
  gtk_box_append (GTK_BOX (line), percent);
  gtk_box_append (GTK_BOX (box), line);

  /* Below the threshold the bar shows in the "low" colour: not enough to start the topic. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW,
                                  CLAMP (threshold, 0.0, 1.0));
  gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH, 1.0);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), score);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Confidence"), -1);
  gtk_box_append (GTK_BOX (box), bar);

  if (phrase != NULL && phrase[0] != '\0')
    {
      g_autofree char *text = g_strdup_printf (_("Closest phrase: “%s”"), phrase);
      GtkWidget *closest = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (closest), 0);
      gtk_label_set_wrap (GTK_LABEL (closest), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (closest), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (closest, "caption");
      gtk_widget_add_css_class (closest, "dim-label");
      gtk_box_append (GTK_BOX (box), closest);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "name", name);
  g_object_set_data (G_OBJECT (row), "percent", percent);
  description = g_strdup_printf ("%s, %s", topic_name, percent_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description, -1);
  return row;
}

/**
 * va_chat_variable_row_new:
 * @name: a variable
 * @value: its value as text, shown literally
 *
 * Returns: (transfer floating): a row of the variables list
 */
GtkWidget *
va_chat_variable_row_new (const char *name,
                          const char *value)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name_label = gtk_label_new (name);
  GtkWidget *value_label = gtk_label_new (value);
  g_autofree char *description = g_strdup_printf ("%s = %s", name, value);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_valign (name_label, GTK_ALIGN_START);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (value_label), 1);
  gtk_label_set_justify (GTK_LABEL (value_label), GTK_JUSTIFY_RIGHT);
  gtk_widget_set_hexpand (value_label, TRUE);
  gtk_widget_add_css_class (value_label, "dim-label");
  gtk_box_append (GTK_BOX (box), name_label);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "name", name_label);
  g_object_set_data (G_OBJECT (row), "value", value_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description, -1);
  return row;
}

/**
 * va_chat_list_clear:
 * @list: a list box
 *
 * Removes every row (gtk_list_box_remove_all() is GTK 4.12).
 */
void
va_chat_list_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static char *
value_to_text (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return json_to_string (node, FALSE);
}

/**
 * va_chat_fill_variables:
 * @list: the variables list
 * @variables: (nullable): a conversation's variables, see va_conversation_variables_to_json()
 *
 * Shows @variables in @list, sorted by name.
 *
 * Returns: how many there are
 */
guint
va_chat_fill_variables (GtkListBox *list,
                        JsonNode   *variables)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  JsonObject *object = variables != NULL && JSON_NODE_HOLDS_OBJECT (variables)
                       ? json_node_get_object (variables) : NULL;
  GList *members = object != NULL ? json_object_get_members (object) : NULL;

  va_chat_list_clear (list);
  for (GList *l = members; l != NULL; l = l->next)
    g_ptr_array_add (names, l->data);
  g_list_free (members);
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *value = value_to_text (json_object_get_member (object, name));

      gtk_list_box_append (list, va_chat_variable_row_new (name, value));
    }
  return names->len;
}

/**
 * va_chat_fill_ranks:
 * @list: the recognition list
 * @event: a %VA_EVENT_RECOGNIZED event
 * @recognizer: (nullable): the conversation's recognizer, to find the closest phrases
 * @text: (nullable): the message that was recognized
 * @threshold: the bot's recognition threshold
 *
 * Shows the topics that @event ranks, best first.
 *
 * Returns: how many there are
 */
guint
va_chat_fill_ranks (GtkListBox   *list,
                    VaEvent      *event,
                    VaRecognizer *recognizer,
                    const char   *text,
                    double        threshold)
{
  VaRecognizerMatch matches[MAX_RANKS * 2];
  guint n_matches = 0;
  guint n = 0;
  JsonArray *ranks = event->data != NULL && JSON_NODE_HOLDS_ARRAY (event->data)
                     ? json_node_get_array (event->data) : NULL;

  va_chat_list_clear (list);
  /* The event has the ranks; the recognizer also knows which phrase matched best. */
  if (recognizer != NULL && text != NULL)
    n_matches = va_recognizer_rank (recognizer, text, matches, G_N_ELEMENTS (matches));

  for (guint i = 0; ranks != NULL && i < json_array_get_length (ranks) && n < MAX_RANKS; i++)
    {
      JsonObject *rank = json_array_get_object_element (ranks, i);
      const char *topic_id, *name, *phrase = NULL;
      double score;

      if (rank == NULL)
        continue;
      topic_id = json_object_get_string_member_with_default (rank, "topic", "");
      name = json_object_get_string_member_with_default (rank, "name", "");
      score = json_object_get_double_member_with_default (rank, "score", 0.0);
      for (guint j = 0; j < n_matches && phrase == NULL; j++)
        if (g_strcmp0 (matches[j].topic_id, topic_id) == 0)
          phrase = matches[j].phrase;
      gtk_list_box_append (list, va_chat_rank_row_new (name[0] != '\0' ? name : topic_id, score,
                                                       phrase, threshold,
                                                       g_strcmp0 (event->topic_id, topic_id) == 0));
      n++;
    }
  return n;
}
