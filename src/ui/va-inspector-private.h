/* va-inspector-private.h — shared by the inspector's files and its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "va-inspector.h"

G_BEGIN_DECLS

struct _VaInspector
{
  GtkWidget      parent_instance;

  VaBot         *bot;
  VaHistory     *history;
  VaTopic       *topic;
  VaNode        *node;
  GPtrArray     *bound;          /* GtkWidget: the template's fields bound to the node */
  GPtrArray     *bound_lists;    /* GtkWidget: the template's containers bound to lists */
  guint          check_source;   /* idle: is the node still in its topic? */

  /* template widgets */
  GtkStack      *stack;
  AdwStatusPage *placeholder;
  GtkImage      *kind_icon;
  GtkLabel      *kind_label;
  GtkLabel      *id_label;
  GtkStack      *kind_stack;

  GtkTextView   *message_text;
  GtkListBox    *message_variations;
  GtkButton     *message_add_variation;

  AdwEntryRow   *question_prompt;
  AdwComboRow   *question_mode;
  GtkWidget     *question_options_group;
  GtkListBox    *question_options;
  GtkButton     *question_add_option;
  GtkWidget     *question_entity_group;
  AdwComboRow   *question_entity;
  AdwEntryRow   *question_variable;
  AdwEntryRow   *question_reprompt;
  GtkSpinButton *question_retries;
  AdwComboRow   *question_on_failure;

  GtkBox        *condition_branches;
  GtkButton     *condition_add_branch;

  AdwEntryRow   *set_variable_variable;
  AdwEntryRow   *set_variable_value;

  AdwComboRow   *action_method;
  AdwEntryRow   *action_url;
  GtkSpinButton *action_timeout;
  GtkListBox    *action_headers;
  GtkButton     *action_add_header;
  GtkTextView   *action_body;
  GtkWidget     *action_body_warning;
  GtkLabel      *action_body_warning_label;
  GtkListBox    *action_mappings;
  GtkButton     *action_add_mapping;

  AdwComboRow   *redirect_topic;
  GtkWidget     *redirect_warning;
  GtkLabel      *redirect_warning_label;

  GtkSwitch     *end_survey;

  GtkTextView   *transfer_message;
};

/* va-inspector-fields.c: a widget edits one property of a model object through the history.
 * Binding again moves the widget to another object; a NULL object unbinds it. */

/* Fills the choices of an id combo: ids[i] (a string) is what choosing labels[i] stores. */
typedef void (*VaIdFillFunc) (VaInspector *self,
                              GPtrArray   *ids,
                              GPtrArray   *labels);

void        va_inspector_bind_text       (VaInspector  *self,
                                          GtkWidget    *widget,
                                          gpointer      object,
                                          const char   *property);
void        va_inspector_bind_csv        (VaInspector  *self,
                                          GtkWidget    *widget,
                                          gpointer      object,
                                          const char   *property);
void        va_inspector_bind_int        (VaInspector  *self,
                                          GtkWidget    *widget,
                                          gpointer      object,
                                          const char   *property);
void        va_inspector_bind_boolean    (VaInspector  *self,
                                          GtkWidget    *widget,
                                          gpointer      object,
                                          const char   *property);
void        va_inspector_bind_enum       (VaInspector  *self,
                                          GtkWidget    *widget,
                                          gpointer      object,
                                          const char   *property);
void        va_inspector_bind_id         (VaInspector  *self,
                                          GtkWidget    *widget,
                                          gpointer      object,
                                          const char   *property,
                                          VaIdFillFunc  fill);
void        va_inspector_unbind          (GtkWidget    *widget);
void        va_inspector_refresh_ids     (GtkWidget    *widget);
const char *va_inspector_get_id_at       (GtkWidget    *widget,
                                          guint         position);

void        va_inspector_add_variable_menu (VaInspector *self,
                                            AdwEntryRow *row,
                                            gboolean     include_system);
GPtrArray  *va_inspector_list_variables  (VaInspector  *self,
                                          gboolean      include_system);
GtkWidget  *va_inspector_icon_button_new (const char   *icon_name,
                                          const char   *tooltip);
void        va_inspector_set_operators   (AdwComboRow  *row);
const char *va_inspector_operator_name   (VaOperator    op);
const char *va_inspector_entity_name     (const char   *entity);

/* va-inspector-lists.c: the lists of a node */

void        va_inspector_lists_init      (VaInspector  *self);
void        va_inspector_bind_strv       (VaInspector  *self,
                                          GtkListBox   *list,
                                          gpointer      object,
                                          const char   *property);
void        va_inspector_bind_options    (VaInspector  *self,
                                          GListModel   *options);
void        va_inspector_bind_branches   (VaInspector  *self,
                                          GListModel   *branches);
void        va_inspector_bind_mappings   (VaInspector  *self,
                                          GListModel   *mappings);
void        va_inspector_unbind_list     (GtkWidget    *container);

G_END_DECLS
