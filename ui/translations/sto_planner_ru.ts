<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>About</name>
    <message>
        <location filename="../dialogs/simple.py" line="136"/>
        <source>
&lt;h3&gt;STO Planner {version}&lt;/h3&gt;
&lt;p&gt;Plans where each short-term observer team of an election observation mission goes
on election day: opening, voting visits, counting and tabulation at the DEC.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Data provenance.&lt;/b&gt; The bundled demo mission is &lt;i&gt;synthetic&lt;/i&gt;. Its
figures (16 regions, 207 DECs, 9,725 polling stations, about 190 teams, 14 bases,
time zones, shifted voting hours) follow the OSCE/ODIHR Election Observation Mission
Final Report on the early presidential election in Kazakhstan of 3 April 2011.
Station positions, names and the split of stations between districts are planning
assumptions for a demonstration, &lt;b&gt;not official data&lt;/b&gt;. Regional centre
coordinates are approximate.&lt;/p&gt;
&lt;p&gt;Maps are drawn with Leaflet (BSD-2-Clause) through folium (MIT), offline; map
tiles are loaded only if you turn them on. Nothing leaves this computer unless you
set a routing server.&lt;/p&gt;
&lt;p&gt;Licence: MIT.&lt;/p&gt;
</source>
        <translation>
&lt;h3&gt;STO Planner {version}&lt;/h3&gt;
&lt;p&gt;Планирует, куда едет каждая команда краткосрочных наблюдателей миссии по
наблюдению за выборами в день голосования: открытие, посещения при голосовании,
подсчёт и подведение итогов в ОИК.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Происхождение данных.&lt;/b&gt; Встроенная демо-миссия &lt;i&gt;синтетическая&lt;/i&gt;. Её
показатели (16 областей, 207 ОИК, 9 725 избирательных участков, около 190 команд,
14 баз, часовые пояса, изменённые часы голосования) следуют Заключительному отчёту
Миссии БДИПЧ ОБСЕ по наблюдению за досрочными президентскими выборами в Казахстане
3 апреля 2011 года. Расположение участков, названия и распределение участков по
округам — допущения для демонстрации, &lt;b&gt;не официальные данные&lt;/b&gt;. Координаты
областных центров приблизительны.&lt;/p&gt;
&lt;p&gt;Карты рисуются Leaflet (BSD-2-Clause) через folium (MIT), без сети; фрагменты
карты загружаются, только если вы их включите. Ничто не покидает этот компьютер,
если не задан сервер маршрутов.&lt;/p&gt;
&lt;p&gt;Лицензия: MIT.&lt;/p&gt;
</translation>
    </message>
    <message>
        <location filename="../dialogs/simple.py" line="164"/>
        <source>Log file (send it to support if something goes wrong):</source>
        <translation>Файл журнала (отправьте его в поддержку, если что-то пошло не так):</translation>
    </message>
    <message>
        <location filename="../dialogs/simple.py" line="168"/>
        <source>About STO Planner</source>
        <translation>О программе STO Planner</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../app.py" line="45"/>
        <location filename="../controllers/document.py" line="215"/>
        <source>Opened {path}</source>
        <translation>Открыт {path}</translation>
    </message>
    <message>
        <location filename="../app.py" line="48"/>
        <source>New mission</source>
        <translation>Новая миссия</translation>
    </message>
    <message>
        <location filename="../app.py" line="58"/>
        <source>Recover unsaved changes?</source>
        <translation>Восстановить несохранённые изменения?</translation>
    </message>
    <message>
        <location filename="../app.py" line="59"/>
        <source>STO Planner did not close properly. Changes to {what} were kept.

Recover them? (No deletes the autosaved copy.)</source>
        <translation>STO Planner был закрыт некорректно. Изменения в {what} сохранены.

Восстановить их? («Нет» удалит автосохранённую копию.)</translation>
    </message>
    <message>
        <location filename="../app.py" line="71"/>
        <source>Cannot recover</source>
        <translation>Не удалось восстановить</translation>
    </message>
    <message>
        <location filename="../app.py" line="75"/>
        <source>Recovered {what}: save to keep it</source>
        <translation>Восстановлено: {what}. Сохраните, чтобы не потерять</translation>
    </message>
    <message>
        <location filename="../app.py" line="102"/>
        <source>Demo mission (Kazakhstan 2011)</source>
        <translation>Демо-миссия (Казахстан 2011)</translation>
    </message>
    <message>
        <location filename="../app.py" line="137"/>
        <source>{message}; map drawn ({n} stations) {s} s after start</source>
        <translation>{message}; карта готова ({n} участков) через {s} с после запуска</translation>
    </message>
</context>
<context>
    <name>Browser</name>
    <message>
        <location filename="../widgets/mission_browser.py" line="29"/>
        <source>All stations</source>
        <translation>Все участки</translation>
    </message>
    <message>
        <location filename="../widgets/mission_browser.py" line="30"/>
        <source>Planned</source>
        <translation>Запланированные</translation>
    </message>
    <message>
        <location filename="../widgets/mission_browser.py" line="31"/>
        <source>Not planned</source>
        <translation>Не запланированные</translation>
    </message>
    <message>
        <location filename="../widgets/mission_browser.py" line="32"/>
        <source>Rural</source>
        <translation>Сельские</translation>
    </message>
    <message>
        <location filename="../widgets/mission_browser.py" line="33"/>
        <source>Urban</source>
        <translation>Городские</translation>
    </message>
    <message>
        <location filename="../widgets/mission_browser.py" line="34"/>
        <source>Special (hospital, military, ...)</source>
        <translation>Особые (больницы, воинские части…)</translation>
    </message>
    <message>
        <location filename="../widgets/mission_browser.py" line="35"/>
        <source>Shifted voting hours</source>
        <translation>Изменённые часы голосования</translation>
    </message>
    <message>
        <location filename="../widgets/mission_browser.py" line="36"/>
        <source>Closed</source>
        <translation>Закрытые</translation>
    </message>
    <message>
        <location filename="../widgets/mission_browser.py" line="155"/>
        <source>Search id, name, DEC…</source>
        <translation>Поиск: код, название, ОИК…</translation>
    </message>
    <message>
        <location filename="../widgets/mission_browser.py" line="161"/>
        <source>Show only these stations (how many in brackets)</source>
        <translation>Показывать только эти участки (в скобках — сколько их)</translation>
    </message>
    <message>
        <location filename="../widgets/mission_browser.py" line="203"/>
        <source>Regions ({n})</source>
        <translation>Области ({n})</translation>
    </message>
    <message>
        <location filename="../widgets/mission_browser.py" line="236"/>
        <source>{name} ({n} DECs)</source>
        <translation>{name} (ОИК: {n})</translation>
    </message>
    <message>
        <location filename="../widgets/mission_browser.py" line="247"/>
        <source>Bases ({n})</source>
        <translation>Базы ({n})</translation>
    </message>
    <message>
        <location filename="../widgets/mission_browser.py" line="256"/>
        <source>Teams ({n})</source>
        <translation>Команды ({n})</translation>
    </message>
    <message>
        <location filename="../widgets/mission_browser.py" line="264"/>
        <source>(unavailable)</source>
        <translation>(недоступна)</translation>
    </message>
</context>
<context>
    <name>Changes</name>
    <message>
        <location filename="../widgets/change_form.py" line="50"/>
        <source>Team unavailable</source>
        <translation>Команда недоступна</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="51"/>
        <source>Team added</source>
        <translation>Команда добавлена</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="52"/>
        <source>Polling station closed</source>
        <translation>Участок закрыт</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="53"/>
        <source>Polling station moved</source>
        <translation>Участок перенесён</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="54"/>
        <source>Voting hours changed</source>
        <translation>Изменены часы голосования</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="55"/>
        <source>Area blocked</source>
        <translation>Район недоступен</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="56"/>
        <source>Priority for a DEC or station</source>
        <translation>Приоритет ОИК или участка</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="57"/>
        <source>Pin a stop to a team</source>
        <translation>Закрепить остановку за командой</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="58"/>
        <source>Observer unavailable</source>
        <translation>Наблюдатель выбыл</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="59"/>
        <source>Observer added</source>
        <translation>Наблюдатель добавлен</translation>
    </message>
    <message>
        <location filename="../widgets/changes_panel.py" line="105"/>
        <source>Add change</source>
        <translation>Добавить изменение</translation>
    </message>
    <message>
        <location filename="../widgets/changes_panel.py" line="112"/>
        <source>&lt;b&gt;Changes to apply&lt;/b&gt; (and the teams they touch)</source>
        <translation>&lt;b&gt;Изменения к применению&lt;/b&gt; (и затронутые команды)</translation>
    </message>
    <message>
        <location filename="../widgets/changes_panel.py" line="117"/>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../widgets/changes_panel.py" line="119"/>
        <source>Load…</source>
        <translation>Загрузить…</translation>
    </message>
    <message>
        <location filename="../widgets/changes_panel.py" line="121"/>
        <source>Save…</source>
        <translation>Сохранить…</translation>
    </message>
    <message>
        <location filename="../widgets/changes_panel.py" line="127"/>
        <source>Apply and re-plan</source>
        <translation>Применить и перепланировать</translation>
    </message>
    <message>
        <location filename="../widgets/changes_panel.py" line="129"/>
        <source>Undo all</source>
        <translation>Отменить всё</translation>
    </message>
    <message>
        <location filename="../widgets/changes_panel.py" line="134"/>
        <source>&lt;b&gt;Last re-plan&lt;/b&gt;</source>
        <translation>&lt;b&gt;Последнее перепланирование&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="147"/>
        <location filename="../widgets/change_form.py" line="211"/>
        <source>Team</source>
        <translation>Команда</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="147"/>
        <source>e.g. T042</source>
        <translation>напр. T042</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="149"/>
        <source>New team</source>
        <translation>Новая команда</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="149"/>
        <source>e.g. T191</source>
        <translation>напр. T191</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="150"/>
        <source>Base</source>
        <translation>База</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="150"/>
        <location filename="../widgets/change_form.py" line="208"/>
        <source>e.g. AKT</source>
        <translation>напр. AKT</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="153"/>
        <source>Members</source>
        <translation>Состав</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="154"/>
        <source>First Last; First Last</source>
        <translation>Имя Фамилия; Имя Фамилия</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="157"/>
        <location filename="../widgets/change_form.py" line="159"/>
        <location filename="../widgets/change_form.py" line="164"/>
        <source>Station</source>
        <translation>Участок</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="157"/>
        <source>e.g. AKT-0166</source>
        <translation>напр. AKT-0166</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="159"/>
        <source>e.g. AKT-0167</source>
        <translation>напр. AKT-0167</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="160"/>
        <source>Latitude</source>
        <translation>Широта</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="161"/>
        <source>Longitude</source>
        <translation>Долгота</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="164"/>
        <source>e.g. SEV-0288</source>
        <translation>напр. SEV-0288</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="167"/>
        <source>Opens</source>
        <translation>Открытие</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="168"/>
        <source>Closes</source>
        <translation>Закрытие</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="177"/>
        <source>one point per line: lon, lat (at least 3)</source>
        <translation>по точке в строке: долгота, широта (не менее 3)</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="179"/>
        <source>Polygon</source>
        <translation>Многоугольник</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="181"/>
        <location filename="../widgets/change_form.py" line="199"/>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="181"/>
        <source>e.g. road closed</source>
        <translation>напр. дорога закрыта</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="185"/>
        <source>DEC or station</source>
        <translation>ОИК или участок</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="186"/>
        <source>e.g. AKT-D05 or AKT-0001</source>
        <translation>напр. AKT-D05 или AKT-0001</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="188"/>
        <source>Weight</source>
        <translation>Вес</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="191"/>
        <source>Observer</source>
        <translation>Наблюдатель</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="191"/>
        <source>e.g. O0123</source>
        <translation>напр. O0123</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="196"/>
        <source>New observer</source>
        <translation>Новый наблюдатель</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="197"/>
        <source>e.g. O0381</source>
        <translation>напр. O0381</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="199"/>
        <source>First Last</source>
        <translation>Имя Фамилия</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="200"/>
        <source>Gender</source>
        <translation>Пол</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="200"/>
        <source>f, m or x</source>
        <translation>f, m или x</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="202"/>
        <source>Nationality</source>
        <translation>Гражданство</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="202"/>
        <source>e.g. IE</source>
        <translation>напр. IE</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="205"/>
        <source>Languages</source>
        <translation>Языки</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="205"/>
        <source>e.g. en, ru</source>
        <translation>напр. en, ru</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="208"/>
        <source>Base (optional)</source>
        <translation>База (необязательно)</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="211"/>
        <source>e.g. T001</source>
        <translation>напр. T001</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="214"/>
        <source>Station (or DEC for tabulation)</source>
        <translation>Участок (или ОИК для подсчёта итогов)</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="215"/>
        <source>e.g. AKM-0001</source>
        <translation>напр. AKM-0001</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="220"/>
        <source>Phase</source>
        <translation>Этап</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="264"/>
        <source>{kind}: fill in {field}</source>
        <translation>{kind}: заполните поле {field}</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="283"/>
        <source>Voting hours: the station must close after it opens</source>
        <translation>Часы голосования: участок должен закрываться после открытия</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="307"/>
        <source>unknown phase {phase}</source>
        <translation>неизвестный этап {phase}</translation>
    </message>
    <message>
        <location filename="../widgets/changes_panel.py" line="174"/>
        <source>Open a mission first.</source>
        <translation>Сначала откройте миссию.</translation>
    </message>
    <message>
        <location filename="../widgets/changes_panel.py" line="183"/>
        <source>Added: {change}</source>
        <translation>Добавлено: {change}</translation>
    </message>
    <message>
        <location filename="../widgets/changes_panel.py" line="206"/>
        <source>{n} changes read from {file}</source>
        <translation>Изменений прочитано из {file}: {n}</translation>
    </message>
    <message>
        <location filename="../widgets/changes_panel.py" line="217"/>
        <source>Saved {n} changes to {file}</source>
        <translation>Сохранено изменений: {n} в {file}</translation>
    </message>
    <message>
        <location filename="../widgets/changes_panel.py" line="225"/>
        <source>Load changes</source>
        <translation>Загрузить изменения</translation>
    </message>
    <message>
        <location filename="../widgets/changes_panel.py" line="227"/>
        <source>YAML (*.yaml *.yml)</source>
        <translation>YAML (*.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../widgets/changes_panel.py" line="235"/>
        <source>Save changes</source>
        <translation>Сохранить изменения</translation>
    </message>
    <message>
        <location filename="../widgets/changes_panel.py" line="237"/>
        <source>YAML (*.yaml)</source>
        <translation>YAML (*.yaml)</translation>
    </message>
    <message>
        <location filename="../widgets/changes_panel.py" line="247"/>
        <source>The mission has no plan yet: plan it first.</source>
        <translation>У миссии ещё нет плана: сначала составьте его.</translation>
    </message>
    <message>
        <location filename="../widgets/changes_panel.py" line="261"/>
        <source>Re-planning…</source>
        <translation>Перепланирование…</translation>
    </message>
    <message>
        <location filename="../widgets/changes_panel.py" line="287"/>
        <source>Plan revision {rev}: {n} route sheets to reprint.</source>
        <translation>Версия плана {rev}: перепечатать маршрутных листов: {n}.</translation>
    </message>
    <message>
        <location filename="../widgets/changes_panel.py" line="293"/>
        <source>Nothing to re-plan: every change was already in effect.</source>
        <translation>Нечего перепланировать: все изменения уже действуют.</translation>
    </message>
    <message>
        <location filename="../widgets/changes_panel.py" line="297"/>
        <source>Re-plan ({n} changes)</source>
        <translation>Перепланирование (изменений: {n})</translation>
    </message>
    <message>
        <location filename="../widgets/changes_panel.py" line="318"/>
        <source>Re-plan undone: the changes are back in the list.</source>
        <translation>Перепланирование отменено: изменения снова в списке.</translation>
    </message>
    <message>
        <location filename="../widgets/changes_panel.py" line="320"/>
        <source>Undo re-plan</source>
        <translation>Отменить перепланирование</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="82"/>
        <source> + up to 2 neighbours</source>
        <translation> + до 2 соседей</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="84"/>
        <source> + nearby teams</source>
        <translation> + соседние команды</translation>
    </message>
    <message>
        <location filename="../widgets/changes_panel.py" line="332"/>
        <source>no team</source>
        <translation>ни одной команды</translation>
    </message>
    <message>
        <location filename="../widgets/changes_panel.py" line="333"/>
        <source>touches: {who}{extra}</source>
        <translation>затрагивает: {who}{extra}</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="320"/>
        <source>Area blocked: point {n} is not &apos;lon, lat&apos;</source>
        <translation>Зона закрыта: точка {n} — не «долгота, широта»</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="324"/>
        <source>Area blocked: point {n} ({lon}, {lat}) is not lon, lat in degrees</source>
        <translation>Зона закрыта: точка {n} ({lon}, {lat}) — не долгота и широта в градусах</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="330"/>
        <source>Area blocked: give at least 3 points</source>
        <translation>Зона закрыта: укажите не менее 3 точек</translation>
    </message>
    <message>
        <location filename="../widgets/change_form.py" line="334"/>
        <source>Area blocked: the polygon crosses itself or encloses no area</source>
        <translation>Зона закрыта: многоугольник самопересекается или не ограничивает площади</translation>
    </message>
    <message>
        <location filename="../widgets/change_report.py" line="22"/>
        <source>NOT applied (see warnings)</source>
        <translation>НЕ применено (см. предупреждения)</translation>
    </message>
    <message>
        <location filename="../widgets/change_report.py" line="24"/>
        <source>applied</source>
        <translation>применено</translation>
    </message>
    <message>
        <location filename="../widgets/change_report.py" line="26"/>
        <source>already in effect</source>
        <translation>уже действует</translation>
    </message>
    <message>
        <location filename="../widgets/change_report.py" line="32"/>
        <source>changed</source>
        <translation>изменена</translation>
    </message>
    <message>
        <location filename="../widgets/change_report.py" line="33"/>
        <source>added</source>
        <translation>добавлена</translation>
    </message>
    <message>
        <location filename="../widgets/change_report.py" line="34"/>
        <source>removed</source>
        <translation>удалена</translation>
    </message>
    <message>
        <location filename="../widgets/change_report.py" line="41"/>
        <source>{team}: removed ({n} stops; {why})</source>
        <translation>{team}: удалена (остановок: {n}; {why})</translation>
    </message>
    <message>
        <location filename="../widgets/change_report.py" line="48"/>
        <source>added {ids}</source>
        <translation>добавлены {ids}</translation>
    </message>
    <message>
        <location filename="../widgets/change_report.py" line="50"/>
        <source>removed {ids}</source>
        <translation>удалены {ids}</translation>
    </message>
    <message>
        <location filename="../widgets/change_report.py" line="52"/>
        <source>{n} re-timed</source>
        <translation>перенесено по времени: {n}</translation>
    </message>
    <message>
        <location filename="../widgets/change_report.py" line="56"/>
        <source>warning: {text}</source>
        <translation>предупреждение: {text}</translation>
    </message>
</context>
<context>
    <name>ChooseStation</name>
    <message>
        <location filename="../dialogs/simple.py" line="84"/>
        <source>Add a polling station</source>
        <translation>Добавить участок</translation>
    </message>
    <message>
        <location filename="../dialogs/simple.py" line="85"/>
        <source>Filter…</source>
        <translation>Фильтр…</translation>
    </message>
    <message>
        <location filename="../dialogs/simple.py" line="86"/>
        <source>Station</source>
        <translation>Участок</translation>
    </message>
    <message>
        <location filename="../dialogs/simple.py" line="92"/>
        <source>{id}  {name} — {area}, {kind}, {km} km from the route</source>
        <translation>{id}  {name} — {area}, {kind}, {km} км от маршрута</translation>
    </message>
</context>
<context>
    <name>Coverage</name>
    <message>
        <location filename="../widgets/coverage_panel.py" line="42"/>
        <location filename="../widgets/coverage_panel.py" line="71"/>
        <source>Openings observed</source>
        <extracomment>Runs of the rehearsal behind the &quot;expected&quot; rows (a fraction of a second for the demo).</extracomment>
        <translation>Наблюдение открытия</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="43"/>
        <location filename="../widgets/coverage_panel.py" line="72"/>
        <source>Voting visits</source>
        <translation>Посещения при голосовании</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="44"/>
        <source>Stations visited in voting</source>
        <translation>Участков посещено при голосовании</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="45"/>
        <location filename="../widgets/coverage_panel.py" line="73"/>
        <source>Counts observed</source>
        <translation>Наблюдение подсчёта</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="46"/>
        <source>DECs at tabulation</source>
        <translation>ОИК при подведении итогов</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="47"/>
        <source>DECs with a voting visit</source>
        <translation>ОИК с посещением при голосовании</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="48"/>
        <source>Special stations visited</source>
        <translation>Посещено особых участков</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="49"/>
        <source>Rural share ratio</source>
        <translation>Соотношение сельской доли</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="50"/>
        <source>Lowest region ratio</source>
        <translation>Наименьшее соотношение области</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="51"/>
        <source>Highest region ratio</source>
        <translation>Наибольшее соотношение области</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="52"/>
        <source>Teams with a day</source>
        <translation>Команд с маршрутом</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="66"/>
        <source>Region</source>
        <extracomment>headline -&gt; the part of the Uncovered view that explains its shortfall short headers (the dock is narrow on a laptop), the long form in the tooltip</extracomment>
        <translation>Область</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="68"/>
        <source>PS</source>
        <translation>УИК</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="69"/>
        <source>Polling stations with a location</source>
        <translation>Участки с координатами</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="71"/>
        <source>Open</source>
        <translation>Откр.</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="72"/>
        <source>Vote</source>
        <translation>Голос.</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="73"/>
        <source>Count</source>
        <translation>Подсч.</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="75"/>
        <source>Tab.</source>
        <translation>Итоги</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="76"/>
        <source>DECs whose tabulation is observed</source>
        <translation>ОИК, где наблюдается подведение итогов</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="79"/>
        <source>Ratio</source>
        <translation>Соотн.</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="80"/>
        <source>Share of voting visits / share of stations</source>
        <translation>Доля посещений / доля участков</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="83"/>
        <source>Rural</source>
        <translation>Сельск.</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="84"/>
        <source>Rural share of visits / rural share of stations</source>
        <translation>Сельская доля посещений / сельская доля участков</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="107"/>
        <source>Figure</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="108"/>
        <source>This plan</source>
        <translation>Этот план</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="109"/>
        <source>2011</source>
        <translation>2011</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="125"/>
        <source>Ratio: share of voting visits / share of stations (1.00 = in proportion; red outside {low}-{high}). Rural ratio: rural share of visits / rural share of stations. Double-click a region to show it.</source>
        <translation>Соотношение: доля посещений / доля участков (1,00 = пропорционально; красным — вне {low}–{high}). Сельское соотношение: сельская доля посещений / сельская доля участков. Двойной щелчок по области покажет её.</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="135"/>
        <source>Double-click a figure to list what it leaves uncovered.</source>
        <translation>Двойной щелчок по показателю покажет, что осталось без наблюдения.</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="166"/>
        <source>No plan yet: the figures below are what the mission holds.</source>
        <translation>Плана ещё нет: ниже — данные миссии.</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="171"/>
        <source>Plan revision {rev}{label}: {planned} of {available} available teams have a day.</source>
        <translation>Версия плана {rev}{label}: маршрут есть у {planned} из {available} доступных команд.</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="201"/>
        <source>Voting visits expected (rehearsal)</source>
        <translation>Ожидаемые посещения при голосовании (репетиция)</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="207"/>
        <source>Teams at the count in time</source>
        <translation>Команд, успевающих к подсчёту</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="259"/>
        <source>{n} DECs without a voting visit</source>
        <translation>ОИК без посещения при голосовании: {n}</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="260"/>
        <source>{n} DECs without tabulation observed</source>
        <translation>ОИК без наблюдения итогов: {n}</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="261"/>
        <source>{n} regions under their share</source>
        <translation>областей ниже своей доли: {n}</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="262"/>
        <source>{n} stations not visited in voting</source>
        <translation>участков без посещения при голосовании: {n}</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="268"/>
        <source>Every DEC and region is covered.</source>
        <translation>Все ОИК и области охвачены.</translation>
    </message>
    <message>
        <location filename="../widgets/coverage_panel.py" line="269"/>
        <source>Uncovered:</source>
        <translation>Без наблюдения:</translation>
    </message>
</context>
<context>
    <name>Document</name>
    <message>
        <location filename="../controllers/document.py" line="82"/>
        <source> (read-only)</source>
        <translation> (только чтение)</translation>
    </message>
    <message>
        <location filename="../controllers/document.py" line="137"/>
        <source>Mission in use</source>
        <translation>Миссия уже открыта</translation>
    </message>
    <message>
        <location filename="../controllers/document.py" line="138"/>
        <source>{message}

Open it read-only? (You can save a copy.)</source>
        <translation>{message}

Открыть только для чтения? (Копию можно сохранить.)</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../i18n.py" line="186"/>
        <source>The file is not valid YAML. Correct it where the details point (line and column; a text editor shows them), save it and try again.</source>
        <translation>Файл не является корректным YAML. Исправьте его в месте, указанном в подробностях (строка и столбец; их показывает текстовый редактор), сохраните и попробуйте ещё раз.</translation>
    </message>
    <message>
        <location filename="../i18n.py" line="192"/>
        <source>The geodata library (GDAL) could not read the file. Check that it is a GeoPackage, GeoJSON or Shapefile (with its .shx, .dbf and .prj beside it) that opens in QGIS, then try again.</source>
        <translation>Библиотека геоданных (GDAL) не смогла прочитать файл. Проверьте, что это GeoPackage, GeoJSON или Shapefile (с файлами .shx, .dbf и .prj рядом), который открывается в QGIS, и попробуйте ещё раз.</translation>
    </message>
    <message>
        <location filename="../i18n.py" line="199"/>
        <source>The mission file (an SQLite database) could not be read or written. Close any other program that has it open (QGIS) and try again; if that does not help, open a backup copy.</source>
        <translation>Не удалось прочитать или записать файл миссии (базу данных SQLite). Закройте другие программы, в которых он открыт (QGIS), и попробуйте ещё раз; если это не поможет, откройте резервную копию.</translation>
    </message>
    <message>
        <location filename="../i18n.py" line="209"/>
        <source>Details: {detail}</source>
        <translation>Подробности: {detail}</translation>
    </message>
    <message>
        <location filename="../i18n.py" line="218"/>
        <source>A file or folder was not found. Check that it still exists (a USB stick or network drive may have been removed) and try again.</source>
        <translation>Файл или папка не найдены. Проверьте, что они на месте (флешку или сетевой диск могли отключить), и попробуйте ещё раз.</translation>
    </message>
    <message>
        <location filename="../i18n.py" line="224"/>
        <source>STO Planner is not allowed to use this file or folder. Choose a folder you can write to (for example Documents), or close the program that holds the file, and try again.</source>
        <translation>У STO Planner нет доступа к этому файлу или папке. Выберите папку, в которую можно записывать (например, «Документы»), или закройте программу, которая держит файл, и попробуйте ещё раз.</translation>
    </message>
    <message>
        <location filename="../i18n.py" line="231"/>
        <source>The disk is full. Free some space and try again.</source>
        <translation>Диск заполнен. Освободите место и попробуйте ещё раз.</translation>
    </message>
    <message>
        <location filename="../i18n.py" line="232"/>
        <source>The system could not read or write a file. Check the disk or drive and try again.</source>
        <translation>Системе не удалось прочитать или записать файл. Проверьте диск или накопитель и попробуйте ещё раз.</translation>
    </message>
</context>
<context>
    <name>GettingStarted</name>
    <message>
        <location filename="../getting_started.py" line="162"/>
        <source>Save the {kind} template</source>
        <translation>Сохранить шаблон «{kind}»</translation>
    </message>
    <message>
        <location filename="../getting_started.py" line="176"/>
        <source>Could not save the template</source>
        <translation>Не удалось сохранить шаблон</translation>
    </message>
    <message>
        <location filename="../getting_started.py" line="177"/>
        <source>{error}

Choose another folder (for example Documents) and try again.</source>
        <translation>{error}

Выберите другую папку (например, «Документы») и попробуйте ещё раз.</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <location filename="../help.py" line="60"/>
        <source>STO Planner — user guide</source>
        <extracomment>context-help anchors -&gt; the heading they open at (English and Russian guides)</extracomment>
        <translation>STO Planner — руководство пользователя</translation>
    </message>
    <message>
        <location filename="../help.py" line="68"/>
        <source>Find in the guide…</source>
        <translation>Найти в руководстве…</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../dialogs/import_dialog.py" line="44"/>
        <source>Tables and GIS files (*.csv *.txt *.xlsx *.geojson *.json *.gpkg *.shp);;All files (*)</source>
        <translation>Таблицы и ГИС-файлы (*.csv *.txt *.xlsx *.geojson *.json *.gpkg *.shp);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="52"/>
        <source>regions</source>
        <translation>области</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="53"/>
        <source>DECs</source>
        <translation>ОИК</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="54"/>
        <source>DEC areas</source>
        <translation>территории ОИК</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="55"/>
        <source>polling stations</source>
        <translation>участки</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="56"/>
        <source>bases</source>
        <translation>базы</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="57"/>
        <source>teams</source>
        <translation>команды</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="68"/>
        <source>Import a layer</source>
        <translation>Импорт слоя</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="78"/>
        <source>CSV, XLSX, GeoJSON, GeoPackage or Shapefile</source>
        <translation>CSV, XLSX, GeoJSON, GeoPackage или Shapefile</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="80"/>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="86"/>
        <source>Layer</source>
        <translation>Слой</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="87"/>
        <location filename="../dialogs/import_dialog.py" line="94"/>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="89"/>
        <source>Choose a file: it is checked before anything is imported.</source>
        <translation>Выберите файл: он проверяется до импорта.</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="95"/>
        <source>Row</source>
        <translation>Строка</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="96"/>
        <source>Column</source>
        <translation>Столбец</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="97"/>
        <source>Problem</source>
        <translation>Проблема</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="110"/>
        <source>Import</source>
        <translation>Импортировать</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="114"/>
        <source>Copy problems</source>
        <translation>Копировать проблемы</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="138"/>
        <source>File to import</source>
        <translation>Файл для импорта</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="168"/>
        <source>&lt;b&gt;{n} problem(s)&lt;/b&gt; in {file}: nothing will be imported until the file is corrected.</source>
        <translation>&lt;b&gt;Проблем: {n}&lt;/b&gt; в {file}: ничего не будет импортировано, пока файл не исправлен.</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="179"/>
        <source>&lt;b&gt;Cannot read {file}&lt;/b&gt;</source>
        <translation>&lt;b&gt;Не удалось прочитать {file}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="183"/>
        <source>Import {n} {layer} from {file}</source>
        <translation>Импорт: {layer} ({n}) из {file}</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="195"/>
        <source>{file} is clean: {n} {layer} will replace the {old} in the mission.</source>
        <translation>{file} без ошибок: {layer} ({n}) заменят имеющиеся ({old}).</translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="206"/>
        <source>Ignored columns: {cols}.</source>
        <translation>Пропущены столбцы: {cols}.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../controllers/edits.py" line="63"/>
        <source>Not possible: {reason}</source>
        <translation>Невозможно: {reason}</translation>
    </message>
    <message>
        <location filename="../controllers/edits.py" line="65"/>
        <source>Edit not possible</source>
        <translation>Правка невозможна</translation>
    </message>
    <message>
        <location filename="../controllers/edits.py" line="72"/>
        <source>Apply this change?</source>
        <translation>Применить это изменение?</translation>
    </message>
    <message>
        <location filename="../controllers/edits.py" line="182"/>
        <source>Change mission settings</source>
        <translation>Изменить настройки миссии</translation>
    </message>
    <message>
        <location filename="../controllers/document.py" line="26"/>
        <source>STO Planner missions (*.gpkg);;All files (*)</source>
        <translation>Миссии STO Planner (*.gpkg);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../controllers/document.py" line="53"/>
        <location filename="../controllers/document.py" line="86"/>
        <source>Untitled mission</source>
        <translation>Миссия без названия</translation>
    </message>
    <message>
        <location filename="../controllers/document.py" line="168"/>
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <location filename="../controllers/document.py" line="169"/>
        <source>The mission has changes that are not saved. Save them?</source>
        <translation>В миссии есть несохранённые изменения. Сохранить их?</translation>
    </message>
    <message>
        <location filename="../controllers/document.py" line="190"/>
        <source>Open mission</source>
        <translation>Открыть миссию</translation>
    </message>
    <message>
        <location filename="../controllers/document.py" line="209"/>
        <source>Cannot open the mission</source>
        <translation>Не удалось открыть миссию</translation>
    </message>
    <message>
        <location filename="../controllers/document.py" line="228"/>
        <source>Save mission as</source>
        <translation>Сохранить миссию как</translation>
    </message>
    <message>
        <location filename="../controllers/document.py" line="263"/>
        <source>Saving {path}…</source>
        <translation>Сохранение {path}…</translation>
    </message>
    <message>
        <location filename="../controllers/document.py" line="283"/>
        <source>The autosave of {file}</source>
        <translation>Автосохранение {file}</translation>
    </message>
    <message>
        <location filename="../controllers/document.py" line="285"/>
        <source>Saving {file}</source>
        <translation>Сохранение {file}</translation>
    </message>
    <message>
        <location filename="../controllers/document.py" line="314"/>
        <source>Autosave failed: {message}</source>
        <translation>Автосохранение не удалось: {message}</translation>
    </message>
    <message>
        <location filename="../controllers/document.py" line="328"/>
        <source>Saved {path}</source>
        <translation>Сохранено: {path}</translation>
    </message>
    <message>
        <location filename="../controllers/document.py" line="333"/>
        <source>Save failed</source>
        <translation>Сохранение не удалось</translation>
    </message>
    <message>
        <location filename="../controllers/document.py" line="335"/>
        <source>Could not save</source>
        <translation>Не удалось сохранить</translation>
    </message>
    <message>
        <location filename="../controllers/export.py" line="64"/>
        <source>Export outputs into folder</source>
        <translation>Папка для экспорта результатов</translation>
    </message>
    <message>
        <location filename="../controllers/export.py" line="84"/>
        <source>Preparing the route sheets of {n} teams</source>
        <translation>Подготовка маршрутных листов: команд — {n}</translation>
    </message>
    <message>
        <location filename="../controllers/export.py" line="94"/>
        <source>The export</source>
        <translation>Экспорт</translation>
    </message>
    <message>
        <location filename="../controllers/export.py" line="102"/>
        <source>Writing outputs to {folder}…</source>
        <translation>Запись результатов в {folder}…</translation>
    </message>
    <message>
        <location filename="../controllers/export.py" line="104"/>
        <source>Stop the export</source>
        <translation>Остановить экспорт</translation>
    </message>
    <message>
        <location filename="../controllers/export.py" line="125"/>
        <source>Route sheets need Qt WebEngine, which is not available: {error}</source>
        <translation>Для маршрутных листов нужен Qt WebEngine, но он недоступен: {error}</translation>
    </message>
    <message>
        <location filename="../controllers/export.py" line="141"/>
        <source>Route sheets: {message}</source>
        <translation>Маршрутные листы: {message}</translation>
    </message>
    <message>
        <location filename="../controllers/export.py" line="158"/>
        <source>Wrote {n} files to {folder}</source>
        <translation>Записано файлов: {n} в {folder}</translation>
    </message>
    <message>
        <location filename="../controllers/export.py" line="163"/>
        <source>Export finished</source>
        <translation>Экспорт завершён</translation>
    </message>
    <message>
        <location filename="../controllers/export.py" line="164"/>
        <source>Wrote {n} files to {folder}.</source>
        <translation>Записано файлов: {n}, папка {folder}.</translation>
    </message>
    <message>
        <location filename="../controllers/export.py" line="169"/>
        <source>Open folder</source>
        <translation>Открыть папку</translation>
    </message>
    <message>
        <location filename="../controllers/export.py" line="183"/>
        <location filename="../controllers/export.py" line="184"/>
        <source>Export failed</source>
        <translation>Экспорт не удался</translation>
    </message>
    <message>
        <location filename="../controllers/export.py" line="189"/>
        <source>Export cancelled</source>
        <translation>Экспорт отменён</translation>
    </message>
    <message>
        <location filename="../controllers/export.py" line="203"/>
        <source>Printing</source>
        <translation>Печать</translation>
    </message>
    <message>
        <location filename="../controllers/export.py" line="204"/>
        <source>Route sheet printing is not available.</source>
        <translation>Печать маршрутных листов недоступна.</translation>
    </message>
    <message>
        <location filename="../controllers/export.py" line="212"/>
        <source>Printing failed</source>
        <translation>Печать не удалась</translation>
    </message>
    <message>
        <location filename="../controllers/planning.py" line="40"/>
        <source>The re-plan breaks {n} rule(s) of the day model, so it was not stored.</source>
        <translation>Новый план нарушает правила модели дня (нарушений: {n}), поэтому он не сохранён.</translation>
    </message>
    <message>
        <location filename="../controllers/planning.py" line="103"/>
        <source>Planning</source>
        <translation>Планирование</translation>
    </message>
    <message>
        <location filename="../controllers/planning.py" line="106"/>
        <source>Planning cancelled</source>
        <translation>Планирование прервано</translation>
    </message>
    <message>
        <location filename="../controllers/planning.py" line="111"/>
        <source>Planning…</source>
        <translation>Планирование…</translation>
    </message>
    <message>
        <location filename="../controllers/planning.py" line="113"/>
        <source>Stop planning (Esc)</source>
        <translation>Прервать планирование (Esc)</translation>
    </message>
    <message>
        <location filename="../controllers/planning.py" line="142"/>
        <source>Plan not stored: {n} rule(s) broken</source>
        <translation>План не сохранён: нарушено правил — {n}</translation>
    </message>
    <message>
        <location filename="../controllers/planning.py" line="145"/>
        <source>The plan breaks rules</source>
        <translation>План нарушает правила</translation>
    </message>
    <message>
        <location filename="../controllers/planning.py" line="146"/>
        <source>The check found {n} problem(s) in the new plan, so it was not stored. Plan again (e.g. with more time).</source>
        <translation>Проверка нашла в новом плане проблем: {n}, поэтому он не сохранён. Запустите планирование снова (например, с большим временем).</translation>
    </message>
    <message>
        <location filename="../controllers/planning.py" line="158"/>
        <location filename="../controllers/planning.py" line="159"/>
        <source>Planning failed</source>
        <translation>Планирование не удалось</translation>
    </message>
    <message>
        <location filename="../controllers/planning.py" line="164"/>
        <source>Plan discarded: the mission changed while planning</source>
        <translation>План отброшен: миссия изменилась во время планирования</translation>
    </message>
    <message>
        <location filename="../controllers/planning.py" line="168"/>
        <source>Plan not stored</source>
        <translation>План не сохранён</translation>
    </message>
    <message>
        <location filename="../controllers/planning.py" line="169"/>
        <source>The mission was changed while the plan was being made, so the new plan no longer fits it. Plan again.</source>
        <translation>Миссия изменилась, пока составлялся план, поэтому новый план ей уже не соответствует. Спланируйте снова.</translation>
    </message>
    <message>
        <location filename="../controllers/planning.py" line="183"/>
        <source>Plan mission (revision {rev})</source>
        <translation>Планирование миссии (версия {rev})</translation>
    </message>
    <message>
        <location filename="../controllers/planning.py" line="188"/>
        <source>Planned {teams} teams, {visits} voting visits; checked: {check}</source>
        <translation>Спланировано команд: {teams}, посещений: {visits}; проверка: {check}</translation>
    </message>
    <message>
        <location filename="../controllers/planning.py" line="193"/>
        <source>no rule broken</source>
        <translation>нарушений нет</translation>
    </message>
    <message>
        <location filename="../controllers/runner.py" line="106"/>
        <source>{job} failed unexpectedly: {error}</source>
        <translation>{job}: непредвиденная ошибка: {error}</translation>
    </message>
    <message>
        <location filename="../controllers/runner.py" line="107"/>
        <source>the job</source>
        <translation>Задача</translation>
    </message>
    <message>
        <location filename="../controllers/runner.py" line="171"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../controllers/runner.py" line="195"/>
        <source>Cancelling…</source>
        <translation>Прерывание…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="117"/>
        <source>Changes</source>
        <translation>Изменения</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="121"/>
        <source>Observers</source>
        <translation>Наблюдатели</translation>
    </message>
    <message>
        <location filename="../printing.py" line="46"/>
        <source>Print route sheets</source>
        <translation>Печать маршрутных листов</translation>
    </message>
    <message>
        <location filename="../printing.py" line="59"/>
        <source>printing the route sheets</source>
        <translation>печать маршрутных листов</translation>
    </message>
    <message>
        <location filename="../printing.py" line="66"/>
        <source>the printer reported an error while printing the route sheets</source>
        <translation>принтер сообщил об ошибке при печати маршрутных листов</translation>
    </message>
    <message>
        <location filename="../window_views.py" line="97"/>
        <source>Map: {message}</source>
        <translation>Карта: {message}</translation>
    </message>
    <message>
        <location filename="../window_views.py" line="106"/>
        <source>Mission</source>
        <translation>Миссия</translation>
    </message>
    <message>
        <location filename="../window_views.py" line="115"/>
        <source>Filter stations…</source>
        <translation>Фильтр участков…</translation>
    </message>
    <message>
        <location filename="../window_views.py" line="125"/>
        <source>Team&apos;s day</source>
        <translation>День команды</translation>
    </message>
    <message>
        <location filename="../window_views.py" line="126"/>
        <source>Teams</source>
        <translation>Команды</translation>
    </message>
    <message>
        <location filename="../window_views.py" line="127"/>
        <source>Polling stations</source>
        <translation>Избирательные участки</translation>
    </message>
    <message>
        <location filename="../window_views.py" line="130"/>
        <source>Tables</source>
        <translation>Таблицы</translation>
    </message>
    <message>
        <location filename="../window_views.py" line="148"/>
        <source>Coverage</source>
        <translation>Охват</translation>
    </message>
    <message>
        <location filename="../window_views.py" line="158"/>
        <source>Uncovered</source>
        <translation>Что не охвачено</translation>
    </message>
    <message>
        <location filename="../window_views.py" line="201"/>
        <source>{id} {name}, {address} — {area}, {kind}, {voters} voters, open {hours}</source>
        <translation>{id} {name}, {address} — {area}, {kind}, избирателей: {voters}, открыт {hours}</translation>
    </message>
    <message>
        <location filename="../window_views.py" line="215"/>
        <source>Team {team} ({base}): {members}</source>
        <translation>Команда {team} ({base}): {members}</translation>
    </message>
    <message>
        <location filename="../window_views.py" line="240"/>
        <source>{regions} regions · {decs} DECs · {stations} stations · {teams} teams</source>
        <translation>областей: {regions} · ОИК: {decs} · участков: {stations} · команд: {teams}</translation>
    </message>
    <message>
        <location filename="../window_views.py" line="250"/>
        <source>plan rev. {rev}: {routes} routes, {visits} visits</source>
        <translation>план, версия {rev}: маршрутов {routes}, посещений {visits}</translation>
    </message>
</context>
<context>
    <name>Map</name>
    <message>
        <location filename="../map_view.py" line="32"/>
        <source>Legend</source>
        <translation>Условные обозначения</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="36"/>
        <source>station not planned</source>
        <translation>участок не запланирован</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="37"/>
        <source>DEC premises</source>
        <translation>здание ОИК</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="38"/>
        <source>base</source>
        <translation>база</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="39"/>
        <source>team route (selected: thick)</source>
        <translation>маршрут команды (выбранный — толще)</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="40"/>
        <source>not covered (Uncovered view)</source>
        <translation>без наблюдения («Что не охвачено»)</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="164"/>
        <source>the map page could not be loaded</source>
        <translation>страницу карты не удалось загрузить</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="173"/>
        <source>the map did not draw (Leaflet missing?)</source>
        <translation>карта не нарисовалась (нет Leaflet?)</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <location filename="../window_menus.py" line="73"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="77"/>
        <source>&amp;New mission</source>
        <translation>&amp;Новая миссия</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="84"/>
        <source>&amp;Open…</source>
        <translation>&amp;Открыть…</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="88"/>
        <source>Open &amp;recent</source>
        <translation>&amp;Недавние</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="90"/>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="95"/>
        <source>Save &amp;as…</source>
        <translation>Сохранить &amp;как…</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="103"/>
        <source>&amp;Import layer…</source>
        <translation>&amp;Импорт слоя…</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="106"/>
        <source>Import regions, DECs, stations, bases or teams from CSV, XLSX, GeoJSON, GPKG, SHP</source>
        <translation>Импорт областей, ОИК, участков, баз или команд из CSV, XLSX, GeoJSON, GPKG, SHP</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="114"/>
        <source>&amp;Export outputs…</source>
        <translation>&amp;Экспорт результатов…</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="117"/>
        <source>Write assignments, route sheets, map and coverage files into a folder</source>
        <translation>Записать назначения, маршрутные листы, карту и охват в папку</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="122"/>
        <source>&amp;Print route sheets…</source>
        <translation>&amp;Печать маршрутных листов…</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="128"/>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="131"/>
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="132"/>
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="134"/>
        <source>&amp;Redo</source>
        <translation>&amp;Повторить</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="142"/>
        <source>&amp;Find…</source>
        <translation>&amp;Найти…</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="149"/>
        <source>Mission &amp;settings…</source>
        <translation>&amp;Настройки миссии…</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="154"/>
        <source>&amp;Plan</source>
        <translation>П&amp;лан</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="158"/>
        <source>&amp;Plan mission…</source>
        <translation>&amp;Спланировать миссию…</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="161"/>
        <source>Plan every available team&apos;s day</source>
        <translation>Спланировать день каждой доступной команды</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="164"/>
        <source>&amp;Cancel planning</source>
        <translation>&amp;Прервать планирование</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="168"/>
        <source>Pin/unpin stop</source>
        <translation>Закрепить/открепить остановку</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="171"/>
        <source>Remove stop</source>
        <translation>Удалить остановку</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="176"/>
        <source>Move stop earlier</source>
        <translation>Остановку раньше</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="183"/>
        <source>Move stop later</source>
        <translation>Остановку позже</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="190"/>
        <source>Add station to team…</source>
        <translation>Добавить участок команде…</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="197"/>
        <source>Toggle team available</source>
        <translation>Команда доступна/недоступна</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="202"/>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="204"/>
        <source>Background map from the &amp;internet (OpenStreetMap)</source>
        <translation>Подложка карты из &amp;интернета (OpenStreetMap)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="209"/>
        <source>Off by default: the map works offline. On: map tiles are downloaded from openstreetmap.org (the map area you look at is sent to it).</source>
        <translation>По умолчанию выключено: карта работает без сети. Включено: фрагменты карты загружаются с openstreetmap.org (туда передаётся просматриваемый район).</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="220"/>
        <source>&amp;What is not covered</source>
        <translation>&amp;Что не охвачено</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="223"/>
        <source>Stations, DECs and regions the plan does not observe, per phase</source>
        <translation>Участки, ОИК и области без наблюдения по этапам</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="225"/>
        <source>Interface &amp;language</source>
        <translation>&amp;Язык интерфейса</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="235"/>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="239"/>
        <source>&amp;User guide</source>
        <translation>&amp;Руководство пользователя</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="242"/>
        <source>The user guide, offline</source>
        <translation>Руководство пользователя (без сети)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="247"/>
        <source>&amp;About STO Planner</source>
        <translation>&amp;О программе STO Planner</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="262"/>
        <source>Main</source>
        <translation>Основная</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="283"/>
        <source>System default</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="295"/>
        <source>Interface language</source>
        <translation>Язык интерфейса</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="296"/>
        <source>The new language is used from the next start of STO Planner.</source>
        <translation>Новый язык будет использоваться со следующего запуска STO Planner.</translation>
    </message>
    <message>
        <location filename="../getting_started.py" line="218"/>
        <source>&amp;Getting started</source>
        <translation>&amp;Начало работы</translation>
    </message>
    <message>
        <location filename="../getting_started.py" line="219"/>
        <source>Open &amp;log folder</source>
        <translation>Открыть папку &amp;журнала</translation>
    </message>
</context>
<context>
    <name>Observers</name>
    <message>
        <location filename="../teams_worker.py" line="57"/>
        <source>forming teams failed unexpectedly: {error}</source>
        <translation>формирование команд неожиданно завершилось ошибкой: {error}</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="42"/>
        <source>Observer</source>
        <translation>Наблюдатель</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="43"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="44"/>
        <location filename="../widgets/observers_view.py" line="63"/>
        <source>Gender</source>
        <translation>Пол</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="45"/>
        <location filename="../widgets/observers_view.py" line="55"/>
        <source>Nationality</source>
        <extracomment>filter key -&gt; (label, tooltip)</extracomment>
        <translation>Гражданство</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="46"/>
        <source>Languages</source>
        <translation>Языки</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="47"/>
        <source>Missions</source>
        <translation>Миссий</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="48"/>
        <location filename="../widgets/observers_view.py" line="67"/>
        <source>Delegation</source>
        <translation>Делегация</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="49"/>
        <source>Team</source>
        <translation>Команда</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="50"/>
        <source>Base</source>
        <translation>База</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="56"/>
        <source>Show only observers of this nationality</source>
        <translation>Показывать только наблюдателей с этим гражданством</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="59"/>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="60"/>
        <source>Show only observers who speak this language</source>
        <translation>Показывать только наблюдателей, владеющих этим языком</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="64"/>
        <source>Show only observers of this gender</source>
        <translation>Показывать только наблюдателей этого пола</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="68"/>
        <source>Show only observers of this delegation</source>
        <translation>Показывать только наблюдателей из этой делегации</translation>
    </message>
    <message>
        <location filename="../widgets/team_tree.py" line="20"/>
        <source>not mixed gender</source>
        <extracomment>soft rule id (planner.teams.rules.Broken.rule) -&gt; its name in the interface</extracomment>
        <translation>состав одного пола</translation>
    </message>
    <message>
        <location filename="../widgets/team_tree.py" line="21"/>
        <source>no experienced observer</source>
        <translation>нет опытного наблюдателя</translation>
    </message>
    <message>
        <location filename="../widgets/team_tree.py" line="22"/>
        <source>priority base without experience</source>
        <translation>приоритетная база без опытного наблюдателя</translation>
    </message>
    <message>
        <location filename="../widgets/team_tree.py" line="23"/>
        <source>no local-language speaker</source>
        <translation>никто не владеет местным языком</translation>
    </message>
    <message>
        <location filename="../widgets/team_tree.py" line="24"/>
        <source>wish to work together unmet</source>
        <translation>пожелание работать вместе не учтено</translation>
    </message>
    <message>
        <location filename="../widgets/team_tree.py" line="25"/>
        <source>against the delegation policy</source>
        <translation>нарушает правило о делегациях</translation>
    </message>
    <message>
        <location filename="../widgets/team_tree.py" line="44"/>
        <source>Team / observer</source>
        <translation>Команда / наблюдатель</translation>
    </message>
    <message>
        <location filename="../widgets/team_tree.py" line="45"/>
        <source>Soft rules broken</source>
        <translation>Нарушенные мягкие правила</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="119"/>
        <source>Unassigned only</source>
        <translation>Только без команды</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="120"/>
        <source>Show only observers in no team</source>
        <translation>Показывать только наблюдателей, не входящих в команду</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="141"/>
        <location filename="../widgets/observers_view.py" line="321"/>
        <source>Form teams</source>
        <translation>Сформировать команды</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="143"/>
        <source>Pair the observers into teams and send each team to a base</source>
        <translation>Разбить наблюдателей на пары-команды и направить каждую команду на базу</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="146"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="179"/>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="184"/>
        <source>The current plan was made for other teams ({n} changed: {ids}): plan again.</source>
        <translation>Текущий план составлен для других команд (изменено: {n} — {ids}): спланируйте заново.</translation>
    </message>
    <message>
        <location filename="../widgets/team_tree.py" line="86"/>
        <source>No soft rule broken</source>
        <translation>Мягкие правила не нарушены</translation>
    </message>
    <message>
        <location filename="../widgets/team_tree.py" line="92"/>
        <source>{id}  {name} ({nationality}, {gender}, {languages}, {n} missions)</source>
        <translation>{id}  {name} ({nationality}, {gender}, {languages}, миссий: {n})</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="252"/>
        <source>Move observer {id} to team {team}</source>
        <translation>Перевести наблюдателя {id} в команду {team}</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="257"/>
        <source>Swap observers {a} and {b}</source>
        <translation>Поменять местами наблюдателей {a} и {b}</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="260"/>
        <source>Not possible: {reason}</source>
        <translation>Невозможно: {reason}</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="285"/>
        <source>Forming teams…</source>
        <translation>Формирование команд…</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="292"/>
        <source>Cancelling…</source>
        <translation>Отмена…</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="317"/>
        <source>{teams} teams, {changed} new or changed; soft-rule penalty {penalty}</source>
        <translation>Команд: {teams}, новых или изменённых: {changed}; штраф за мягкие правила: {penalty}</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="327"/>
        <source>Teams not formed: {reason}</source>
        <translation>Команды не сформированы: {reason}</translation>
    </message>
    <message>
        <location filename="../widgets/observers_view.py" line="334"/>
        <source>Forming teams cancelled; the teams are unchanged.</source>
        <translation>Формирование команд отменено; команды не изменились.</translation>
    </message>
</context>
<context>
    <name>Phase</name>
    <message>
        <location filename="../i18n.py" line="89"/>
        <location filename="../map_view.py" line="33"/>
        <source>opening</source>
        <extracomment>language code -&gt; its own name (shown in the settings in that language)</extracomment>
        <translation>открытие</translation>
    </message>
    <message>
        <location filename="../i18n.py" line="90"/>
        <location filename="../map_view.py" line="34"/>
        <source>voting</source>
        <translation>голосование</translation>
    </message>
    <message>
        <location filename="../i18n.py" line="91"/>
        <location filename="../map_view.py" line="35"/>
        <source>counting</source>
        <translation>подсчёт</translation>
    </message>
    <message>
        <location filename="../i18n.py" line="92"/>
        <source>tabulation</source>
        <translation>итоги в ОИК</translation>
    </message>
    <message>
        <location filename="../i18n.py" line="93"/>
        <source>break</source>
        <translation>перерыв</translation>
    </message>
    <message>
        <location filename="../i18n.py" line="94"/>
        <source>travel</source>
        <translation>в пути</translation>
    </message>
</context>
<context>
    <name>PlanOptions</name>
    <message>
        <location filename="../dialogs/simple.py" line="35"/>
        <source>Plan the mission</source>
        <translation>Планирование миссии</translation>
    </message>
    <message>
        <location filename="../dialogs/simple.py" line="39"/>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <location filename="../dialogs/simple.py" line="42"/>
        <source>How long the planner may search. More time, better plans.</source>
        <translation>Сколько времени искать план. Больше времени — лучше план.</translation>
    </message>
    <message>
        <location filename="../dialogs/simple.py" line="51"/>
        <source>The seed picks one of many equally good plans. The same mission, time limit and seed always give the same plan; another seed gives an alternative to compare.</source>
        <translation>Зерно выбирает один из многих равноценных планов. Та же миссия, то же время и то же зерно всегда дают тот же план; другое зерно даёт альтернативу для сравнения.</translation>
    </message>
    <message>
        <location filename="../dialogs/simple.py" line="61"/>
        <source>Search time</source>
        <translation>Время поиска</translation>
    </message>
    <message>
        <location filename="../dialogs/simple.py" line="63"/>
        <source>Seed</source>
        <translation>Зерно</translation>
    </message>
    <message>
        <location filename="../dialogs/simple.py" line="68"/>
        <source>Plan</source>
        <translation>Спланировать</translation>
    </message>
</context>
<context>
    <name>PlanProgress</name>
    <message>
        <location filename="../plan_progress.py" line="49"/>
        <source>The limit is the search time; reading the map data before and checking the plan after come on top.</source>
        <translation>Это время поиска; подготовка данных до него и проверка плана после добавляют время.</translation>
    </message>
    <message>
        <location filename="../plan_progress.py" line="55"/>
        <source>Expect about {total} s in all: the last plan took {took} s with a {limit} s search limit (preparing and checking come on top).</source>
        <translation>Ожидайте около {total} с всего: прошлый план занял {took} с при времени поиска {limit} с (подготовка и проверка добавляют время).</translation>
    </message>
    <message>
        <location filename="../plan_progress.py" line="83"/>
        <source>Preparing…</source>
        <translation>Подготовка…</translation>
    </message>
    <message>
        <location filename="../plan_progress.py" line="106"/>
        <source>Deploying teams (preparing distances)</source>
        <translation>Распределение команд (расчёт расстояний)</translation>
    </message>
    <message>
        <location filename="../plan_progress.py" line="107"/>
        <source>Routing, round {n}</source>
        <translation>Маршруты, раунд {n}</translation>
    </message>
    <message>
        <location filename="../plan_progress.py" line="108"/>
        <source>Timing every route</source>
        <translation>Расчёт времени маршрутов</translation>
    </message>
    <message>
        <location filename="../plan_progress.py" line="109"/>
        <source>Checking the plan</source>
        <translation>Проверка плана</translation>
    </message>
    <message>
        <location filename="../plan_progress.py" line="114"/>
        <source>teams {done}/{total}</source>
        <translation>команды {done}/{total}</translation>
    </message>
    <message>
        <location filename="../plan_progress.py" line="120"/>
        <source>{n} visits</source>
        <translation>посещений: {n}</translation>
    </message>
    <message>
        <location filename="../plan_progress.py" line="124"/>
        <source>{elapsed} (search limit {limit} s; finishing)</source>
        <translation>{elapsed} (поиск {limit} с; завершение)</translation>
    </message>
    <message>
        <location filename="../plan_progress.py" line="130"/>
        <source>{elapsed} of the {limit} s search</source>
        <translation>{elapsed} из {limit} с поиска</translation>
    </message>
</context>
<context>
    <name>Planner</name>
    <message>
        <location filename="../planner_strings.py" line="8"/>
        <source>OSCE/ODIHR EOM Final Report, Kazakhstan early presidential election of 3 April 2011: opening observed in 161 stations, voting in 1,622, counting in 151, tabulation in 123 DECs</source>
        <translation>Заключительный отчёт МНВ БДИПЧ ОБСЕ, досрочные президентские выборы в Казахстане 3 апреля 2011 г.: открытие наблюдалось на 161 участке, голосование — 1 622 посещения, подсчёт — на 151 участке, итоги — в 123 ОИК</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="9"/>
        <source>plan</source>
        <translation>план</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="10"/>
        <source>re-plan</source>
        <translation>перепланирование</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="11"/>
        <source>Mission</source>
        <translation>Миссия</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="12"/>
        <source>Mission name</source>
        <translation>Название миссии</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="13"/>
        <source>Printed on route sheets and maps.</source>
        <translation>Печатается на маршрутных листах и картах.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="14"/>
        <source>Election observation mission</source>
        <translation>Миссия по наблюдению за выборами</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="15"/>
        <source>Election day</source>
        <translation>День выборов</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="16"/>
        <source>ISO date (YYYY-MM-DD).</source>
        <translation>Дата ISO (ГГГГ-ММ-ДД).</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="17"/>
        <source>Day</source>
        <translation>День</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="18"/>
        <source>Arrive before opening</source>
        <translation>Прибытие до открытия</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="19"/>
        <source>Minutes the team is inside the opening station before it opens.</source>
        <translation>За сколько минут до открытия команда находится на участке открытия.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="20"/>
        <source>Opening observation</source>
        <translation>Наблюдение открытия</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="21"/>
        <source>Minutes from the station&apos;s opening the team stays to see voting start.</source>
        <translation>Сколько минут после открытия команда остаётся, чтобы увидеть начало голосования.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="22"/>
        <source>Voting observation</source>
        <translation>Наблюдение голосования</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="23"/>
        <source>Minimum minutes at each station visited during voting.</source>
        <translation>Минимум минут на каждом участке, посещённом во время голосования.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="24"/>
        <source>Arrive before closing</source>
        <translation>Прибытие до закрытия</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="25"/>
        <source>Minutes the team is at its counting station before it closes (the day&apos;s last safety margin: a late team still makes the count).</source>
        <translation>За сколько минут до закрытия команда прибывает на участок подсчёта (последний запас времени дня: опаздывающая команда всё равно успевает к подсчёту).</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="26"/>
        <source>Count duration</source>
        <translation>Продолжительность подсчёта</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="27"/>
        <source>Minutes from closing until the results protocol is complete.</source>
        <translation>Минут от закрытия до готовности протокола.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="28"/>
        <source>Tabulation observation</source>
        <translation>Наблюдение в ОИК</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="29"/>
        <source>Minutes at the DEC for handover and tabulation.</source>
        <translation>Минут в ОИК при передаче протокола и подведении итогов.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="30"/>
        <source>Lunch break</source>
        <translation>Перерыв на обед</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="31"/>
        <source>Length of the break during voting (0 = none).</source>
        <translation>Длительность перерыва во время голосования (0 = без перерыва).</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="32"/>
        <source>Lunch from</source>
        <translation>Обед с</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="33"/>
        <source>Earliest start of the break.</source>
        <translation>Самое раннее начало перерыва.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="34"/>
        <source>Lunch until</source>
        <translation>Обед до</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="35"/>
        <source>Latest start of the break.</source>
        <translation>Самое позднее начало перерыва.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="36"/>
        <source>Earliest departure</source>
        <translation>Самый ранний выезд</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="37"/>
        <source>Earliest time a team leaves its overnight location.</source>
        <translation>Самое раннее время выезда команды с места ночёвки.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="38"/>
        <source>Latest end of day</source>
        <translation>Самый поздний конец дня</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="39"/>
        <source>Latest time the team may leave the DEC (26:00 = 02:00 next day).</source>
        <translation>Самое позднее время ухода команды из ОИК (26:00 = 02:00 следующего дня).</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="40"/>
        <source>Daily driving limit</source>
        <translation>Лимит вождения за день</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="41"/>
        <source>Maximum minutes of driving in the day, all legs together.</source>
        <translation>Максимум минут в пути за день, все переезды вместе.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="42"/>
        <source>Longest leg</source>
        <translation>Самый длинный переезд</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="43"/>
        <source>Longest single drive between two stops.</source>
        <translation>Самый долгий переезд между двумя остановками.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="44"/>
        <source>Travel</source>
        <translation>Дорога</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="45"/>
        <source>Circuity factor</source>
        <translation>Коэффициент извилистости</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="46"/>
        <source>Road distance / great-circle distance.</source>
        <translation>Расстояние по дороге / расстояние по прямой.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="47"/>
        <source>Speed in towns</source>
        <translation>Скорость в городе</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="48"/>
        <source>Average speed for short urban legs.</source>
        <translation>Средняя скорость на коротких городских переездах.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="49"/>
        <source>Speed on rural roads</source>
        <translation>Скорость на сельских дорогах</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="50"/>
        <source>Average speed on district roads.</source>
        <translation>Средняя скорость на районных дорогах.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="51"/>
        <source>Speed on intercity roads</source>
        <translation>Скорость на трассах</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="52"/>
        <source>Average speed on long legs (highways).</source>
        <translation>Средняя скорость на длинных переездах (трассы).</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="53"/>
        <source>Town leg length</source>
        <translation>Длина городского переезда</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="54"/>
        <source>Legs shorter than this are driven at town speed.</source>
        <translation>Переезды короче этого — с городской скоростью.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="55"/>
        <source>Intercity leg length</source>
        <translation>Длина междугороднего переезда</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="56"/>
        <source>Legs longer than this are driven mostly at intercity speed.</source>
        <translation>Переезды длиннее этого — в основном со скоростью трассы.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="57"/>
        <source>Parking and walking</source>
        <translation>Парковка и дорога пешком</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="58"/>
        <source>Minutes added to every leg (parking, finding the room).</source>
        <translation>Минуты, добавляемые к каждому переезду (парковка, поиск помещения).</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="59"/>
        <source>Routing server</source>
        <translation>Сервер маршрутов</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="60"/>
        <source>OSRM table API URL (empty = built-in estimate, no network).</source>
        <translation>URL табличного API OSRM (пусто = встроенная оценка, без сети).</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="61"/>
        <source>Coverage</source>
        <translation>Охват</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="62"/>
        <source>Station visited</source>
        <translation>Посещение участка</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="63"/>
        <source>Value of one voting visit.</source>
        <translation>Ценность одного посещения при голосовании.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="64"/>
        <source>Rural bonus</source>
        <translation>Надбавка за село</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="65"/>
        <source>Extra share of value for rural stations.</source>
        <translation>Дополнительная доля ценности сельских участков.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="66"/>
        <source>Special station bonus</source>
        <translation>Надбавка за особые участки</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="67"/>
        <source>Extra share for hospitals, military units, prisons.</source>
        <translation>Дополнительная доля для больниц, воинских частей, учреждений УИС.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="68"/>
        <source>Size bonus</source>
        <translation>Надбавка за размер</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="69"/>
        <source>Extra share for stations with many voters (scaled).</source>
        <translation>Дополнительная доля для участков с большим числом избирателей (масштабируется).</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="70"/>
        <source>DEC diminishing returns</source>
        <translation>Убывающая ценность в ОИК</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="71"/>
        <source>Each further visit in the same DEC is worth this fraction of the previous one.</source>
        <translation>Каждое следующее посещение в том же ОИК стоит эту долю от предыдущего.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="72"/>
        <source>Balance regions by</source>
        <translation>Баланс областей по</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="73"/>
        <source>&apos;stations&apos; or &apos;voters&apos;: what each region&apos;s share of visits should follow.</source>
        <translation>Участки или избиратели: чему должна следовать доля посещений каждой области.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="74"/>
        <source>Opening observed</source>
        <translation>Наблюдение открытия</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="75"/>
        <source>Value of a team&apos;s opening observation.</source>
        <translation>Ценность наблюдения открытия командой.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="76"/>
        <source>Count observed</source>
        <translation>Наблюдение подсчёта</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="77"/>
        <source>Value of a team&apos;s count observation.</source>
        <translation>Ценность наблюдения подсчёта командой.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="78"/>
        <source>Tabulation in a new DEC</source>
        <translation>Итоги в новом ОИК</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="79"/>
        <source>Value of following the protocol to a DEC no other team covers.</source>
        <translation>Ценность сопровождения протокола в ОИК, который не охватывает другая команда.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="80"/>
        <source>Election-day realism</source>
        <translation>Реалистичный день выборов</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="81"/>
        <source>Drive time / estimate (median)</source>
        <translation>Время в пути / оценка (медиана)</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="82"/>
        <source>How long drives really take compared with the estimate, typical value (1.1 = 10 % longer). Drive times are drawn from a lognormal distribution.</source>
        <translation>Во сколько раз поездки на самом деле длиннее оценки, типичное значение (1,1 = на 10 % дольше). Время в пути берётся из логнормального распределения.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="83"/>
        <source>Drive time spread</source>
        <translation>Разброс времени в пути</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="84"/>
        <source>Spread of that ratio (standard deviation of its logarithm): 0.25 means one drive in six takes 1.4 x its estimate or more.</source>
        <translation>Разброс этого отношения (стандартное отклонение его логарифма): 0,25 означает, что каждая шестая поездка занимает в 1,4 раза больше оценки или дольше.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="85"/>
        <source>Extra minutes per voting visit</source>
        <translation>Лишние минуты на посещение</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="86"/>
        <source>Average minutes a voting visit overruns (finding the school, a chairperson who wants to talk, the form); exponentially distributed.</source>
        <translation>На сколько минут в среднем затягивается посещение (поиск школы, разговор с председателем, заполнение формы); экспоненциальное распределение.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="87"/>
        <source>Visits refused or cut short</source>
        <translation>Отказы и прерванные посещения</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="88"/>
        <source>Chance that a voting visit is refused or cut short (not observed; the team leaves after half the observation time).</source>
        <translation>Вероятность, что в посещении откажут или его прервут (наблюдение не состоится; команда уезжает через половину времени наблюдения).</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="89"/>
        <source>Target: count reached</source>
        <translation>Цель: успеть к подсчёту</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="90"/>
        <source>Chance, under the delay model, that each team reaches its count before the station closes; the planner gives each route sheet the smallest count margin that reaches it, and removes voting visits where even the full margin does not (0 = no check).</source>
        <translation>Вероятность (по модели задержек), что каждая команда прибудет к подсчёту до закрытия участка; планировщик даёт каждому маршрутному листу наименьший запас до подсчёта, при котором она достигается, и убирает посещения там, где не хватает и полного запаса (0 = без проверки).</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="91"/>
        <source>Voting visits per team (at most)</source>
        <translation>Посещений на команду (не более)</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="92"/>
        <source>Most voting visits planned for one team (ODIHR: about ten; 0 = no limit).</source>
        <translation>Наибольшее число посещений в плане одной команды (БДИПЧ: около десяти; 0 = без ограничения).</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="93"/>
        <source>Working-day limit</source>
        <translation>Предел рабочего дня</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="94"/>
        <source>Longest day from leaving the overnight location to being back there, including the drive home from the DEC (duty of care).</source>
        <translation>Самый длинный день от выезда с места ночёвки до возвращения туда, включая дорогу обратно из ОИК (забота о безопасности).</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="95"/>
        <source>Night driving from</source>
        <translation>Ночная езда с</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="96"/>
        <source>Driving after this time counts as night driving.</source>
        <translation>Езда после этого времени считается ночной.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="97"/>
        <source>Night driving limit</source>
        <translation>Предел ночной езды</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="98"/>
        <source>Most minutes of driving after &apos;Night driving from&apos;, the drive home included.</source>
        <translation>Наибольшее число минут езды после «Ночная езда с», включая дорогу к месту ночёвки.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="99"/>
        <source>Teams</source>
        <translation>Команды</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="100"/>
        <source>Local language</source>
        <translation>Местный язык</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="101"/>
        <source>ISO 639-1 code of the language each team should have a speaker of.</source>
        <translation>Код ISO 639-1 языка, которым должен владеть кто-то в каждой команде.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="102"/>
        <source>Extra teams of three</source>
        <translation>Дополнительные команды из трёх</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="103"/>
        <source>Teams of three allowed besides the one an odd number of observers needs.</source>
        <translation>Сколько команд из трёх человек разрешено сверх той, что нужна при нечётном числе наблюдателей.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="104"/>
        <source>Teams per base</source>
        <translation>Команд на базу</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="105"/>
        <source>e.g. &apos;AKT=12, AST=20&apos;; bases not named take their share by stations.</source>
        <translation>напр. &apos;AKT=12, AST=20&apos;; неназванные базы получают долю по числу участков.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="106"/>
        <source>Priority bases</source>
        <translation>Приоритетные базы</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="107"/>
        <source>Comma-separated base ids that get experienced teams.</source>
        <translation>Коды баз через запятую, куда направляются опытные команды.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="108"/>
        <source>Delegations</source>
        <translation>Делегации</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="109"/>
        <source>&apos;keep&apos; (pair a delegation&apos;s members together), &apos;mix&apos; or &apos;ignore&apos;.</source>
        <translation>&apos;keep&apos; (члены делегации вместе), &apos;mix&apos; (смешивать) или &apos;ignore&apos; (не учитывать).</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="110"/>
        <source>Largest nationality share</source>
        <translation>Наибольшая доля одного гражданства</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="111"/>
        <source>Above this share of a base&apos;s observers, one nationality dominates it.</source>
        <translation>Если доля одного гражданства среди наблюдателей базы выше этой, оно преобладает.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="112"/>
        <source>Re-pairing order</source>
        <translation>Порядок переформирования пар</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="113"/>
        <source>When an observer drops out, how the partner gets a new one: with a &apos;reserve&apos;, by &apos;split&apos;ting a team of three, or as a &apos;three&apos; with another pair.</source>
        <translation>Когда наблюдатель выбывает, как его напарник получает нового: из резерва (&apos;reserve&apos;), разделив команду из трёх (&apos;split&apos;) или присоединившись третьим к другой паре (&apos;three&apos;).</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="114"/>
        <source>reserve, split, three</source>
        <translation>reserve, split, three</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="115"/>
        <source>Mixed gender</source>
        <translation>Смешанный состав по полу</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="116"/>
        <source>Penalty of a single-gender team.</source>
        <translation>Штраф за команду одного пола.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="117"/>
        <source>Experience</source>
        <translation>Опыт</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="118"/>
        <source>Penalty of a team without an observer of 2+ missions.</source>
        <translation>Штраф за команду без наблюдателя с опытом 2+ миссий.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="119"/>
        <source>Penalty of a team without a local-language speaker (doubled at mostly rural bases).</source>
        <translation>Штраф за команду без носителя местного языка (вдвое выше на преимущественно сельских базах).</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="120"/>
        <source>Preferred partner</source>
        <translation>Желаемый напарник</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="121"/>
        <source>Penalty of an unmet wish.</source>
        <translation>Штраф за невыполненное пожелание.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="122"/>
        <source>Delegation policy</source>
        <translation>Правило для делегаций</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="123"/>
        <source>Penalty of a team against it.</source>
        <translation>Штраф за команду, нарушающую его.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="124"/>
        <source>Nationality balance</source>
        <translation>Баланс гражданств</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="125"/>
        <source>Penalty per observer over the largest share.</source>
        <translation>Штраф за каждого наблюдателя сверх наибольшей доли.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="126"/>
        <source>Extra penalty of an inexperienced team at a priority base.</source>
        <translation>Дополнительный штраф за неопытную команду на приоритетной базе.</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="127"/>
        <source>Keep teams</source>
        <translation>Сохранять команды</translation>
    </message>
    <message>
        <location filename="../planner_strings.py" line="128"/>
        <source>Penalty per observer whose team changes on a re-run.</source>
        <translation>Штраф за каждого наблюдателя, чья команда меняется при повторном запуске.</translation>
    </message>
</context>
<context>
    <name>PrintJob</name>
    <message>
        <location filename="../../sheets_qt/engine.py" line="103"/>
        <source>{what} did not finish within {seconds} s</source>
        <extracomment>left, top, right, bottom (mm): as @page in route_sheet.html.j2; printers lose ~5 mm</extracomment>
        <translation>{what}: не завершилось за {seconds} с</translation>
    </message>
    <message>
        <location filename="../../sheets_qt/job.py" line="148"/>
        <source>route sheets: {error}</source>
        <extracomment>Teams printed per page load: small enough for a quick Cancel and steady progress, large enough that the browser&apos;s per-load cost does not dominate. Cached sheets joined per event-loop turn (about 0.1 s).</extracomment>
        <translation>маршрутные листы: {error}</translation>
    </message>
    <message>
        <location filename="../../sheets_qt/job.py" line="155"/>
        <source>printing the route sheets failed unexpectedly: {error}</source>
        <translation>печать маршрутных листов неожиданно прервалась: {error}</translation>
    </message>
    <message>
        <location filename="../../sheets_qt/job.py" line="176"/>
        <source>{file}: {n} sheets unchanged</source>
        <translation>{file}: листов без изменений — {n}</translation>
    </message>
    <message>
        <location filename="../../sheets_qt/job.py" line="192"/>
        <source>{file}: printing teams {first}–{last}</source>
        <translation>{file}: печать команд {first}–{last}</translation>
    </message>
    <message>
        <location filename="../../sheets_qt/job.py" line="208"/>
        <source>{file}: printed {n} sheets</source>
        <translation>{file}: напечатано листов — {n}</translation>
    </message>
    <message>
        <location filename="../../sheets_qt/job.py" line="273"/>
        <source>{file}: cover and contents</source>
        <translation>{file}: обложка и содержание</translation>
    </message>
    <message>
        <location filename="../../sheets_qt/job.py" line="304"/>
        <source>{file}: joining {n} parts</source>
        <translation>{file}: сборка частей — {n}</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <location filename="../recovery.py" line="39"/>
        <source>an unsaved new mission</source>
        <translation>новой несохранённой миссии</translation>
    </message>
    <message>
        <location filename="../recovery.py" line="41"/>
        <source>{name} (autosaved {when})</source>
        <translation>{name} (автосохранение {when})</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../dialogs/settings_dialog.py" line="44"/>
        <source>Polling stations</source>
        <translation>Избирательные участки</translation>
    </message>
    <message>
        <location filename="../dialogs/settings_dialog.py" line="45"/>
        <source>Registered voters</source>
        <translation>Зарегистрированные избиратели</translation>
    </message>
    <message>
        <location filename="../dialogs/settings_dialog.py" line="55"/>
        <source>Mission settings</source>
        <translation>Настройки миссии</translation>
    </message>
    <message>
        <location filename="../dialogs/settings_dialog.py" line="91"/>
        <source>Default: {value}</source>
        <translation>По умолчанию: {value}</translation>
    </message>
    <message>
        <location filename="../dialogs/settings_dialog.py" line="151"/>
        <source>HH:MM</source>
        <translation>ЧЧ:ММ</translation>
    </message>
    <message>
        <location filename="../dialogs/settings_dialog.py" line="209"/>
        <source>Setting not allowed</source>
        <translation>Недопустимое значение</translation>
    </message>
</context>
<context>
    <name>Tables</name>
    <message>
        <location filename="../table_models.py" line="108"/>
        <source>Station</source>
        <translation>Участок</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="109"/>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="110"/>
        <location filename="../table_models.py" line="223"/>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="111"/>
        <source>Region</source>
        <translation>Область</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="112"/>
        <location filename="../table_models.py" line="158"/>
        <source>DEC</source>
        <translation>ОИК</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="113"/>
        <source>Area</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="114"/>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="115"/>
        <source>Voters</source>
        <translation>Избиратели</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="116"/>
        <source>Opens</source>
        <translation>Открытие</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="117"/>
        <source>Closes</source>
        <translation>Закрытие</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="118"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="119"/>
        <source>Planned</source>
        <translation>Запланированные</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="151"/>
        <source>Team</source>
        <translation>Команда</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="152"/>
        <source>Base</source>
        <translation>База</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="153"/>
        <source>Members</source>
        <translation>Состав</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="154"/>
        <source>Available</source>
        <translation>Доступна</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="155"/>
        <source>Opening</source>
        <translation>Открытие</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="156"/>
        <source>Visits</source>
        <translation>Посещения</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="157"/>
        <source>Counting</source>
        <translation>Подсчёт</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="159"/>
        <source>Leaves</source>
        <translation>Выезд</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="160"/>
        <source>Ends</source>
        <translation>Конец</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="161"/>
        <source>Driving</source>
        <translation>В пути</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="162"/>
        <location filename="../table_models.py" line="227"/>
        <source>km</source>
        <translation>км</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="167"/>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="167"/>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="204"/>
        <source>urban</source>
        <translation>город</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="205"/>
        <source>rural</source>
        <translation>село</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="206"/>
        <source>regular</source>
        <translation>обычный</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="207"/>
        <source>hospital</source>
        <translation>больница</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="208"/>
        <source>military</source>
        <translation>воинская часть</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="209"/>
        <source>prison</source>
        <translation>учреждение УИС</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="210"/>
        <source>abroad</source>
        <translation>за рубежом</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="211"/>
        <source>open</source>
        <translation>открыт</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="212"/>
        <source>closed</source>
        <translation>закрыт</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="221"/>
        <source>Phase</source>
        <translation>Этап</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="222"/>
        <source>Place</source>
        <translation>Место</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="224"/>
        <source>Arrive</source>
        <translation>Прибытие</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="225"/>
        <source>Depart</source>
        <translation>Отъезд</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="226"/>
        <source>Travel</source>
        <translation>Дорога</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="228"/>
        <source>Pinned</source>
        <translation>Закреплено</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="245"/>
        <location filename="../window_views.py" line="219"/>
        <source>DEC {name}</source>
        <translation>ОИК {name}</translation>
    </message>
    <message>
        <location filename="../table_models.py" line="257"/>
        <source>pinned</source>
        <translation>закреплено</translation>
    </message>
</context>
<context>
    <name>TeamDay</name>
    <message>
        <location filename="../widgets/timeline.py" line="65"/>
        <location filename="../widgets/timeline.py" line="249"/>
        <source>No team selected</source>
        <translation>Команда не выбрана</translation>
    </message>
    <message>
        <location filename="../widgets/timeline.py" line="69"/>
        <source>Grey: driving · coloured: stops by phase · amber: break · green line: slack until the stop&apos;s leave-by time · red: a leg that a slow drive would make late</source>
        <translation>Серый: в пути · цветные: остановки по этапам · янтарный: перерыв · зелёная линия: запас до времени «выезд до» · красный: переезд, на котором медленная дорога приведёт к опозданию</translation>
    </message>
    <message>
        <location filename="../widgets/timeline.py" line="163"/>
        <location filename="../widgets/timeline.py" line="253"/>
        <source>Select a team to see its day.</source>
        <translation>Выберите команду, чтобы увидеть её день.</translation>
    </message>
    <message>
        <location filename="../widgets/timeline.py" line="184"/>
        <source>Pin</source>
        <translation>Закрепить</translation>
    </message>
    <message>
        <location filename="../widgets/timeline.py" line="185"/>
        <source>Pin or unpin the selected stop: re-planning keeps pinned stops.</source>
        <translation>Закрепить или открепить остановку: при перепланировании закреплённые сохраняются.</translation>
    </message>
    <message>
        <location filename="../widgets/timeline.py" line="191"/>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../widgets/timeline.py" line="192"/>
        <source>Remove the selected stop from the team&apos;s day.</source>
        <translation>Удалить выбранную остановку из дня команды.</translation>
    </message>
    <message>
        <location filename="../widgets/timeline.py" line="196"/>
        <source>Move up</source>
        <translation>Раньше</translation>
    </message>
    <message>
        <location filename="../widgets/timeline.py" line="197"/>
        <source>Visit the selected stop earlier.</source>
        <translation>Посетить выбранную остановку раньше.</translation>
    </message>
    <message>
        <location filename="../widgets/timeline.py" line="201"/>
        <source>Move down</source>
        <translation>Позже</translation>
    </message>
    <message>
        <location filename="../widgets/timeline.py" line="202"/>
        <source>Visit the selected stop later.</source>
        <translation>Посетить выбранную остановку позже.</translation>
    </message>
    <message>
        <location filename="../widgets/timeline.py" line="206"/>
        <source>Add station…</source>
        <translation>Добавить участок…</translation>
    </message>
    <message>
        <location filename="../widgets/timeline.py" line="207"/>
        <source>Add a polling station to this team&apos;s day.</source>
        <translation>Добавить участок в день этой команды.</translation>
    </message>
    <message>
        <location filename="../widgets/timeline.py" line="321"/>
        <source>, leave-by times keep {minutes} min before the count</source>
        <translation>, «выезд до» — с запасом {minutes} мин до подсчёта</translation>
    </message>
    <message>
        <location filename="../controllers/edits.py" line="156"/>
        <source>Team available</source>
        <translation>Команда доступна</translation>
    </message>
    <message>
        <location filename="../controllers/edits.py" line="158"/>
        <location filename="../widgets/timeline.py" line="211"/>
        <source>Team unavailable</source>
        <translation>Команда недоступна</translation>
    </message>
    <message>
        <location filename="../widgets/timeline.py" line="212"/>
        <source>Mark the team unavailable: shows what it leaves uncovered first.</source>
        <translation>Отметить команду недоступной: сначала покажет, что останется без наблюдения.</translation>
    </message>
    <message>
        <location filename="../widgets/timeline.py" line="256"/>
        <source>unavailable: no day planned; its route sheet is withdrawn</source>
        <translation>недоступна: дня нет, её маршрутный лист отозван</translation>
    </message>
    <message>
        <location filename="../widgets/timeline.py" line="258"/>
        <source>no route in the current plan</source>
        <translation>нет маршрута в текущем плане</translation>
    </message>
    <message>
        <location filename="../widgets/timeline.py" line="264"/>
        <source>, break {time}</source>
        <translation>, перерыв {time}</translation>
    </message>
    <message>
        <location filename="../widgets/timeline.py" line="270"/>
        <source>leaves {leaves}, ends {ends}, {visits} voting visits, driving {driving} ({km} km){lunch}</source>
        <translation>выезд {leaves}, конец {ends}, посещений: {visits}, в пути {driving} ({km} км){lunch}</translation>
    </message>
</context>
<context>
    <name>TeamUnavailable</name>
    <message>
        <location filename="../dialogs/team_unavailable.py" line="33"/>
        <source>{team} has no day in the current plan.</source>
        <translation>У {team} нет дня в текущем плане.</translation>
    </message>
    <message>
        <location filename="../dialogs/team_unavailable.py" line="38"/>
        <source>{team}&apos;s {n} stops are dropped from the plan.</source>
        <translation>Остановки {team} ({n}) удаляются из плана.</translation>
    </message>
    <message>
        <location filename="../dialogs/team_unavailable.py" line="46"/>
        <source>No other team observes these any more:</source>
        <translation>Их больше не наблюдает ни одна команда:</translation>
    </message>
    <message>
        <location filename="../dialogs/team_unavailable.py" line="54"/>
        <source>Other teams still observe all of its stops.</source>
        <translation>Все её остановки по-прежнему наблюдают другие команды.</translation>
    </message>
    <message>
        <location filename="../dialogs/team_unavailable.py" line="57"/>
        <source>Withdraw {team}&apos;s printed route sheet and tell the team; re-plan or add its stops to other teams to cover them.</source>
        <translation>Отзовите напечатанный маршрутный лист {team} и сообщите команде; перепланируйте или добавьте её остановки другим командам.</translation>
    </message>
    <message>
        <location filename="../dialogs/team_unavailable.py" line="72"/>
        <source>Team unavailable</source>
        <translation>Команда недоступна</translation>
    </message>
    <message>
        <location filename="../dialogs/team_unavailable.py" line="78"/>
        <source>(already unavailable)</source>
        <translation>(уже недоступна)</translation>
    </message>
    <message>
        <location filename="../dialogs/team_unavailable.py" line="87"/>
        <source>Team</source>
        <translation>Команда</translation>
    </message>
    <message>
        <location filename="../dialogs/team_unavailable.py" line="92"/>
        <source>Mark unavailable</source>
        <translation>Отметить недоступной</translation>
    </message>
</context>
<context>
    <name>Time</name>
    <message>
        <location filename="../i18n.py" line="130"/>
        <source>+1d</source>
        <translation>+1д</translation>
    </message>
    <message>
        <location filename="../i18n.py" line="136"/>
        <source>h</source>
        <translation>ч</translation>
    </message>
    <message>
        <location filename="../i18n.py" line="136"/>
        <source>min</source>
        <translation>мин</translation>
    </message>
</context>
<context>
    <name>Uncovered</name>
    <message>
        <location filename="../widgets/uncovered_view.py" line="49"/>
        <source>Stations: opening not observed</source>
        <translation>Участки: открытие без наблюдения</translation>
    </message>
    <message>
        <location filename="../widgets/uncovered_view.py" line="50"/>
        <source>Stations: not visited in voting</source>
        <translation>Участки: без посещения при голосовании</translation>
    </message>
    <message>
        <location filename="../widgets/uncovered_view.py" line="51"/>
        <source>Stations: count not observed</source>
        <translation>Участки: подсчёт без наблюдения</translation>
    </message>
    <message>
        <location filename="../widgets/uncovered_view.py" line="52"/>
        <source>DECs without a voting visit</source>
        <translation>ОИК без посещения при голосовании</translation>
    </message>
    <message>
        <location filename="../widgets/uncovered_view.py" line="53"/>
        <source>DECs: tabulation not observed</source>
        <translation>ОИК: итоги без наблюдения</translation>
    </message>
    <message>
        <location filename="../widgets/uncovered_view.py" line="54"/>
        <source>Regions under their share of visits</source>
        <translation>Области ниже своей доли посещений</translation>
    </message>
    <message>
        <location filename="../widgets/uncovered_view.py" line="78"/>
        <source>Show on map</source>
        <translation>На карте</translation>
    </message>
    <message>
        <location filename="../widgets/uncovered_view.py" line="79"/>
        <source>Ring the listed places in red on the map</source>
        <translation>Обвести перечисленные места красным на карте</translation>
    </message>
    <message>
        <location filename="../widgets/uncovered_view.py" line="81"/>
        <source>Export CSV…</source>
        <translation>Экспорт CSV…</translation>
    </message>
    <message>
        <location filename="../widgets/uncovered_view.py" line="83"/>
        <source>Write everything not covered, all phases, to a CSV file</source>
        <translation>Записать всё, что не охвачено (все этапы), в файл CSV</translation>
    </message>
    <message>
        <location filename="../widgets/uncovered_view.py" line="88"/>
        <source>Id</source>
        <translation>Код</translation>
    </message>
    <message>
        <location filename="../widgets/uncovered_view.py" line="89"/>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../widgets/uncovered_view.py" line="90"/>
        <source>Region</source>
        <translation>Область</translation>
    </message>
    <message>
        <location filename="../widgets/uncovered_view.py" line="91"/>
        <source>Ratio</source>
        <translation>Соотн.</translation>
    </message>
    <message>
        <location filename="../widgets/uncovered_view.py" line="124"/>
        <source>No plan yet: nothing is covered.</source>
        <translation>Плана ещё нет: ничего не охвачено.</translation>
    </message>
    <message>
        <location filename="../widgets/uncovered_view.py" line="177"/>
        <source>Export what is not covered</source>
        <translation>Экспорт того, что не охвачено</translation>
    </message>
    <message>
        <location filename="../widgets/uncovered_view.py" line="179"/>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../widgets/uncovered_view.py" line="189"/>
        <source>Export failed</source>
        <translation>Экспорт не удался</translation>
    </message>
</context>
</TS>
