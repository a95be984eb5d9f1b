"""Commands: one table of ids, titles, keys and handlers read by menus, toolbar, shortcuts, canvas."""
