"""The building blocks every section is made of: the Section base class, schema nodes,
views, charts, findings, the rubric's types, the shared advice vocabulary, the
answers file's fixed parts and its workbook layout. No block names a section."""
