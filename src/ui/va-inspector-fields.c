/* va-inspector-fields.c — a widget that edits one property of a model object
 *
 * A "field" ties a widget (entry row, text view, spin button, switch, combo row) to a property.
 * An edit in the widget becomes a step on the VaHistory: typing and spinning merge into one step
 * (va_history_set_continuous) until the focus leaves the widget, a switch or a choice is a step
 * of its own. A change of the property from anywhere else (undo, the canvas) is shown in the
 * widget. Both directions compare values first and `updating` marks the widget's own update, so
 * nothing echoes back: the cursor stays where the user types.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "va-inspector-private.h"

typedef enum
{
  FIELD_TEXT,     /* GtkEditable or GtkTextView ↔ string */
  FIELD_CSV,      /* GtkEditable "a, b" ↔ string vector */
  FIELD_INT,      /* GtkSpinButton ↔ int */
  FIELD_BOOLEAN,  /* GtkSwitch ↔ boolean */
  FIELD_ENUM,     /* AdwComboRow ↔ enum, item i is the enum's i-th value */
  FIELD_ID,       /* AdwComboRow ↔ string, one of the ids the fill function gives */
} FieldKind;

typedef struct
{
  VaInspector  *inspector;
  GtkWidget    *widget;
  FieldKind     kind;
  GObject      *object;
  GParamSpec   *pspec;
  gulong        notify_id;
  gboolean      updating;

  /* FIELD_ID */
  VaIdFillFunc  fill;
  GPtrArray    *ids;       /* char *, parallel to the combo's items */
  gboolean      missing;   /* the last item stands for a value that is not a choice */
} Field;

static GQuark
field_quark (void)
{
  return g_quark_from_static_string ("va-inspector-field");
}

static Field *
field_get (GtkWidget *widget)
{
  return g_object_get_qdata (G_OBJECT (widget), field_quark ());
}

/* {{{ Values */

static const char *
nonempty (const char *str)
{
  return str != NULL && str[0] != '\0' ? str : NULL;
}

static gboolean
strv_equal (const char * const *a,
            const char * const *b)
{
  guint na = a != NULL ? g_strv_length ((char **) a) : 0;
  guint nb = b != NULL ? g_strv_length ((char **) b) : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (g_strcmp0 (a[i], b[i]) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
values_equal (GParamSpec   *pspec,
              const GValue *a,
              const GValue *b)
{
  if (G_VALUE_HOLDS_STRING (a))
    return g_strcmp0 (nonempty (g_value_get_string (a)), nonempty (g_value_get_string (b))) == 0;
  if (G_VALUE_HOLDS (a, G_TYPE_STRV))
    return strv_equal (g_value_get_boxed (a), g_value_get_boxed (b));
  return g_param_values_cmp (pspec, a, b) == 0;
}

/* "a, b ,, c" → { "a", "b", "c" } */
static GStrv
parse_csv (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *item = g_strstrip (parts[i]);

      if (item[0] != '\0')
        g_strv_builder_add (builder, item);
    }
  return g_strv_builder_end (builder);
}

static char *
widget_get_text (GtkWidget *widget)
{
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
}

static void
widget_set_text (GtkWidget  *widget,
                 const char *text)
{
  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)),
                              text != NULL ? text : "", -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text != NULL ? text : "");
}

/* What the widget shows, as a value of the property's type. FALSE: it shows no valid value. */
static gboolean
field_get_widget_value (Field  *field,
                        GValue *value)
{
  g_value_init (value, field->pspec->value_type);

  switch (field->kind)
    {
    case FIELD_TEXT:
      {
        g_autofree char *text = widget_get_text (field->widget);

        g_value_set_string (value, nonempty (text));
      }
      break;

    case FIELD_CSV:
      g_value_take_boxed (value, parse_csv (gtk_editable_get_text (GTK_EDITABLE (field->widget))));
      break;

    case FIELD_INT:
      g_value_set_int (value, gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (field->widget)));
      break;

    case FIELD_BOOLEAN:
      g_value_set_boolean (value, gtk_switch_get_active (GTK_SWITCH (field->widget)));
      break;

    case FIELD_ENUM:
      {
        GEnumClass *klass = G_PARAM_SPEC_ENUM (field->pspec)->enum_class;
        guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (field->widget));

        if (selected >= klass->n_values)
          return FALSE;
        g_value_set_enum (value, klass->values[selected].value);
      }
      break;

    case FIELD_ID:
      {
        guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (field->widget));

        if (selected >= field->ids->len || (field->missing && selected == field->ids->len - 1))
          return FALSE;
        g_value_set_string (value, g_ptr_array_index (field->ids, selected));
      }
      break;

    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

static void
field_fill_ids (Field        *field,
                const GValue *value)
{
  const char *current = g_value_get_string (value);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;

  g_ptr_array_set_size (field->ids, 0);
  field->fill (field->inspector, field->ids, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      gtk_string_list_append (model, g_ptr_array_index (labels, i));
      if (current != NULL && g_strcmp0 (g_ptr_array_index (field->ids, i), current) == 0)
        selected = i;
    }

  /* A value that is not among the choices stays visible as it is, marked. */
  field->missing = selected == GTK_INVALID_LIST_POSITION;
  if (field->missing)
    {
      g_autofree char *label = NULL;

      if (current == NULL)
        label = g_strdup (_("None"));
      else
        /* Translators: a choice (a topic, an entity) that the bot does not have; %s is its id */
        label = g_strdup_printf (_("%s (missing)"), current);
      gtk_string_list_append (model, label);
      g_ptr_array_add (field->ids, g_strdup (current));
      selected = field->ids->len - 1;
    }

  adw_combo_row_set_model (ADW_COMBO_ROW (field->widget), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (field->widget), selected);
}

static void
field_set_widget_value (Field        *field,
                        const GValue *value)
{
  switch (field->kind)
    {
    case FIELD_TEXT:
      widget_set_text (field->widget, g_value_get_string (value));
      break;

    case FIELD_CSV:
      {
        const char * const *strv = g_value_get_boxed (value);
        g_autofree char *text = strv != NULL ? g_strjoinv (", ", (char **) strv) : NULL;

        gtk_editable_set_text (GTK_EDITABLE (field->widget), text != NULL ? text : "");
      }
      break;

    case FIELD_INT:
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (field->widget), g_value_get_int (value));
      break;

    case FIELD_BOOLEAN:
      gtk_switch_set_active (GTK_SWITCH (field->widget), g_value_get_boolean (value));
      break;

    case FIELD_ENUM:
      {
        GEnumClass *klass = G_PARAM_SPEC_ENUM (field->pspec)->enum_class;

        for (guint i = 0; i < klass->n_values; i++)
          if (klass->values[i].value == g_value_get_enum (value))
            adw_combo_row_set_selected (ADW_COMBO_ROW (field->widget), i);
      }
      break;

    case FIELD_ID:
      field_fill_ids (field, value);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* }}} */
/* {{{ Both directions */

static void
field_sync_widget (Field    *field,
                   gboolean  force)
{
  g_auto(GValue) model_value = G_VALUE_INIT;
  g_auto(GValue) widget_value = G_VALUE_INIT;

  if (field->object == NULL)
    return;

  g_value_init (&model_value, field->pspec->value_type);
  g_object_get_property (field->object, field->pspec->name, &model_value);
  if (!force && field_get_widget_value (field, &widget_value) &&
      values_equal (field->pspec, &model_value, &widget_value))
    return;

  field->updating = TRUE;
  field_set_widget_value (field, &model_value);
  field->updating = FALSE;
}

static void
field_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 Field      *field)
{
  field_sync_widget (field, FALSE);
}

static void
field_widget_changed (Field *field)
{
  VaHistory *history = field->inspector->history;
  g_auto(GValue) model_value = G_VALUE_INIT;
  g_auto(GValue) widget_value = G_VALUE_INIT;

  if (field->updating || field->object == NULL)
    return;
  if (!field_get_widget_value (field, &widget_value))
    return;

  g_value_init (&model_value, field->pspec->value_type);
  g_object_get_property (field->object, field->pspec->name, &model_value);
  if (values_equal (field->pspec, &model_value, &widget_value))
    return;

  if (history == NULL)
    g_object_set_property (field->object, field->pspec->name, &widget_value);
  else if (field->kind == FIELD_TEXT || field->kind == FIELD_CSV || field->kind == FIELD_INT)
    va_history_set_continuous (history, field->object, field->pspec->name, &widget_value);
  else
    va_history_set_value (history, field->object, field->pspec->name, &widget_value);
}

static void
field_changed_cb (gpointer  instance,
                  Field    *field)
{
  field_widget_changed (field);
}

static void
field_notify_widget_cb (GObject    *instance,
                        GParamSpec *pspec,
                        Field      *field)
{
  field_widget_changed (field);
}

/* Leaving a field ends its edit: the next change there is a step of its own. */
static void
field_focus_leave_cb (GtkEventControllerFocus *controller,
                      Field                   *field)
{
  if (field->inspector->history != NULL)
    va_history_seal (field->inspector->history);
}

static void
field_disconnect (Field *field)
{
  if (field->object != NULL)
    g_clear_signal_handler (&field->notify_id, field->object);
  g_clear_object (&field->object);
  field->pspec = NULL;
}

static void
field_free (Field *field)
{
  field_disconnect (field);
  g_clear_pointer (&field->ids, g_ptr_array_unref);
  g_free (field);
}

static void
field_destroy_cb (GtkWidget *widget,
                  Field     *field)
{
  field_disconnect (field);
}

static Field *
field_ensure (VaInspector *self,
              GtkWidget   *widget,
              FieldKind    kind)
{
  Field *field = field_get (widget);

  if (field != NULL)
    {
      g_assert (field->kind == kind);
      return field;
    }

  field = g_new0 (Field, 1);
  field->inspector = self;
  field->widget = widget;
  field->kind = kind;
  field->ids = g_ptr_array_new_with_free_func (g_free);
  g_object_set_qdata_full (G_OBJECT (widget), field_quark (), field, (GDestroyNotify) field_free);
  g_signal_connect (widget, "destroy", G_CALLBACK (field_destroy_cb), field);

  switch (kind)
    {
    case FIELD_TEXT:
    case FIELD_CSV:
      if (GTK_IS_TEXT_VIEW (widget))
        g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), "changed",
                          G_CALLBACK (field_changed_cb), field);
      else
        g_signal_connect (widget, "changed", G_CALLBACK (field_changed_cb), field);
      break;

    case FIELD_INT:
      g_signal_connect (widget, "value-changed", G_CALLBACK (field_changed_cb), field);
      break;

    case FIELD_BOOLEAN:
      g_signal_connect (widget, "notify::active", G_CALLBACK (field_notify_widget_cb), field);
      break;

    case FIELD_ENUM:
    case FIELD_ID:
      g_signal_connect (widget, "notify::selected", G_CALLBACK (field_notify_widget_cb), field);
      break;

    default:
      g_assert_not_reached ();
    }

  if (kind == FIELD_TEXT || kind == FIELD_CSV || kind == FIELD_INT)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect (focus, "leave", G_CALLBACK (field_focus_leave_cb), field);
      gtk_widget_add_controller (widget, focus);
    }
  return field;
}

static void
field_bind (VaInspector *self,
            GtkWidget   *widget,
            FieldKind    kind,
            gpointer     object,
            const char  *property)
{
  Field *field = field_ensure (self, widget, kind);
  g_autofree char *signal = NULL;

  field_disconnect (field);
  if (object == NULL)
    return;

  field->pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  g_return_if_fail (field->pspec != NULL);
  field->object = g_object_ref (object);
  signal = g_strconcat ("notify::", property, NULL);
  field->notify_id = g_signal_connect (object, signal, G_CALLBACK (field_notify_cb), field);
  field_sync_widget (field, TRUE);
}

/* }}} */
/* {{{ Public */

void
va_inspector_bind_text (VaInspector *self,
                        GtkWidget   *widget,
                        gpointer     object,
                        const char  *property)
{
  field_bind (self, widget, FIELD_TEXT, object, property);
}

void
va_inspector_bind_csv (VaInspector *self,
                       GtkWidget   *widget,
                       gpointer     object,
                       const char  *property)
{
  field_bind (self, widget, FIELD_CSV, object, property);
}

void
va_inspector_bind_int (VaInspector *self,
                       GtkWidget   *widget,
                       gpointer     object,
                       const char  *property)
{
  field_bind (self, widget, FIELD_INT, object, property);
}

void
va_inspector_bind_boolean (VaInspector *self,
                           GtkWidget   *widget,
                           gpointer     object,
                           const char  *property)
{
  field_bind (self, widget, FIELD_BOOLEAN, object, property);
}

void
va_inspector_bind_enum (VaInspector *self,
                        GtkWidget   *widget,
                        gpointer     object,
                        const char  *property)
{
  field_bind (self, widget, FIELD_ENUM, object, property);
}

void
va_inspector_bind_id (VaInspector  *self,
                      GtkWidget    *widget,
                      gpointer      object,
                      const char   *property,
                      VaIdFillFunc  fill)
{
  Field *field = field_ensure (self, widget, FIELD_ID);

  field->fill = fill;
  field_bind (self, widget, FIELD_ID, object, property);
}

void
va_inspector_unbind (GtkWidget *widget)
{
  Field *field = field_get (widget);

  if (field != NULL)
    field_disconnect (field);
}

/* The choices of an id combo changed (a topic was added, renamed…): list them again. */
void
va_inspector_refresh_ids (GtkWidget *widget)
{
  Field *field = field_get (widget);

  if (field != NULL && field->kind == FIELD_ID)
    field_sync_widget (field, TRUE);
}

/* The id that the item at @position of an id combo stands for. */
const char *
va_inspector_get_id_at (GtkWidget *widget,
                        guint      position)
{
  Field *field = field_get (widget);

  if (field == NULL || field->kind != FIELD_ID || position >= field->ids->len)
    return NULL;
  return g_ptr_array_index (field->ids, position);
}

/* }}} */
/* {{{ Small widgets and names */

GtkWidget *
va_inspector_icon_button_new (const char *icon_name,
                              const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

const char *
va_inspector_operator_name (VaOperator op)
{
  switch (op)
    {
    case VA_OPERATOR_EQUALS:           return _("is equal to");
    case VA_OPERATOR_NOT_EQUALS:       return _("is not equal to");
    case VA_OPERATOR_LESS:             return _("is less than");
    case VA_OPERATOR_LESS_OR_EQUAL:    return _("is less than or equal to");
    case VA_OPERATOR_GREATER:          return _("is greater than");
    case VA_OPERATOR_GREATER_OR_EQUAL: return _("is greater than or equal to");
    case VA_OPERATOR_CONTAINS:         return _("contains");
    case VA_OPERATOR_NOT_CONTAINS:     return _("does not contain");
    case VA_OPERATOR_STARTS_WITH:      return _("starts with");
    case VA_OPERATOR_IS_BLANK:         return _("is blank");
    case VA_OPERATOR_IS_NOT_BLANK:     return _("is not blank");
    default:                           return "";
    }
}

/* Fills @row with the operators in the order of VaOperator, for va_inspector_bind_enum(). */
void
va_inspector_set_operators (AdwComboRow *row)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  for (VaOperator op = VA_OPERATOR_EQUALS; op <= VA_OPERATOR_IS_NOT_BLANK; op++)
    gtk_string_list_append (model, va_inspector_operator_name (op));
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
}

/* The display name of a prebuilt entity, or NULL when @entity is not one. */
const char *
va_inspector_entity_name (const char *entity)
{
  static const struct { const char *name; const char *display; } names[] = {
    { "boolean",    N_("Yes or no") },
    { "number",     N_("Number") },
    { "integer",    N_("Integer") },
    { "money",      N_("Money") },
    { "percentage", N_("Percentage") },
    { "age",        N_("Age") },
    { "email",      N_("Email address") },
    { "phone",      N_("Phone number") },
    { "url",        N_("Web address") },
    { "date",       N_("Date") },
    { "time",       N_("Time") },
    { "text",       N_("User’s entire response") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (names[i].name, entity) == 0)
      return _(names[i].display);
  return NULL;
}

/* }}} */
