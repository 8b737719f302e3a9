package org.workbook.kernel.widgets;

/** Something the front end draws: a slider, an output area (see {@link WidgetHost}). */
public abstract class Widget {
}
