// SPDX-License-Identifier: MIT
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

/**
 * The recipe commands end to end through the binary: --list-recipes,
 * --check, and --recipe printing what python3 prints, with a bad recipe's
 * problems as FILE:LINE:COL and a failing one's error on stderr's last line.
 */
class TestRecipeCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void listsTheBundledRecipes();
    void bakesTheBundledCakeAsTheAnalogySays();
    void checkSaysWhatIsWrongAndRunsNothing_data();
    void checkSaysWhatIsWrongAndRunsNothing();
    void aFailingRecipeEndsLikeCPythonsTraceback();
    void aFailedTaskNobodyAskedIsLoggedAsAsyncioDoes();
    void aCoroutineNeverAwaitedIsWarnedOfAsCPythonDoes();
    void aRelativePathIsNamedAsPython3NamesIt();
    void aRecipeThatNeverEndsIsStoppedAtItsTimeLimit();
    void anExceptionGroupIsDrawnAsWideAndDeepAsCPythonDrawsIt();
    void setTurnsTheRecipesKnobs();
    void theCakesFlagsTurnCakePysKnobs();
    void theCakesTrapsBakeTheirVariantsOfCakePy();
    void syncBakesTheBlockingTwin();
    void showSourcePrintsEachListing_data();
    void showSourcePrintsEachListing();
    void cakesBakeCopiesOfTheRecipesCoroutine();
    void threadedBakesTheThreadedTwin();
    void cakesBakeOnThreadsOfTheirOwn();
    void reportSaysHowTheRecipeRanInItsKitchen();
    void journalTellsTheTasksLivesApartFromTheOutput();
    void flagsThatDoNotApplyAreRefused_data();
    void flagsThatDoNotApplyAreRefused();

private:
    struct Run {
        int exitCode = -1;
        QString out;
        QString err;
    };
    static Run bakeloop(const QStringList &flags, const QString &workingDirectory = QString());
    QString recipeWith(const QByteArray &text) const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestRecipeCommand::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

TestRecipeCommand::Run TestRecipeCommand::bakeloop(const QStringList &flags, const QString &workingDirectory)
{
    QProcess process;
    process.setWorkingDirectory(workingDirectory);
    process.start(QStringLiteral(BAKELOOP_BINARY), flags);
    Run run;
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QString TestRecipeCommand::recipeWith(const QByteArray &text) const
{
    const QString path = m_dir->filePath(QStringLiteral("recipe.py"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestRecipeCommand::listsTheBundledRecipes()
{
    const Run run = bakeloop({"--list-recipes"});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QStringLiteral("cake ")) && run.out.contains(QStringLiteral("three_jobs")),
             qPrintable(run.out));
}

void TestRecipeCommand::bakesTheBundledCakeAsTheAnalogySays()
{
    // cake.py takes 1 s steps: run a copy with shorter ones, as a teacher would change its STEP.
    QFile cake(QStringLiteral(RECIPES_FOLDER "/cake.py"));
    QVERIFY(cake.open(QIODevice::ReadOnly));
    QByteArray text = cake.readAll();
    QVERIFY(text.contains("STEP = 1\n"));
    text.replace("STEP = 1\n", "STEP = 0.02\n");
    const Run run = bakeloop({"--headless", "--recipe", recipeWith(text)});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out,
             QStringLiteral("preheat:: temp is now 200\nmix_ingredients:: mixing things 0\n"
                            "preheat:: temp is now 300\nmix_ingredients:: mixing things 1\n"
                            "preheat:: temp is now 400\nmix_ingredients:: mixing things 2\n"));
    QCOMPARE(run.err, QString());
}

void TestRecipeCommand::checkSaysWhatIsWrongAndRunsNothing_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("syntax") << QByteArray("print('baked'\n") << ":1:6: error: '(' was never closed";
    QTest::newRow("another import") << QByteArray("import os\nprint('baked')\n") << ":1:1: error: 'import os'";
    QTest::newRow("an escape") << QByteArray("print('baked')\nopen('/etc/passwd')\n") << ":2:1: error: 'open'";
    QTest::newRow("an attribute outside the list")
        << QByteArray("import asyncio\nprint('baked')\nasyncio.get_event_loop()\n") << ":3:1: error: '.get_event_loop'";
}

void TestRecipeCommand::checkSaysWhatIsWrongAndRunsNothing()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    const QString path = recipeWith(text);
    for (const QStringList &flags : {QStringList{"--check", path}, QStringList{"--headless", "--recipe", path}}) {
        const Run run = bakeloop(flags);
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(run.out, QString()); // nothing ran: 'baked' was never printed
        QVERIFY2(run.err.startsWith(path + expected), qPrintable(run.err));
    }
    const Run fine = bakeloop({"--check", recipeWith("print('baked')\n")});
    QCOMPARE(fine.exitCode, 0);
}

void TestRecipeCommand::aFailingRecipeEndsLikeCPythonsTraceback()
{
    const Run run = bakeloop({"--headless", "--recipe", recipeWith("print('before')\nx = 1 // 0\nprint('after')\n")});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.out, QStringLiteral("before\n"));
    QVERIFY2(run.err.endsWith(QStringLiteral("line 2, in <module>\nZeroDivisionError: integer division or modulo "
                                             "by zero\n")),
             qPrintable(run.err));
}

void TestRecipeCommand::aFailedTaskNobodyAskedIsLoggedAsAsyncioDoes()
{
    // What python3 writes on stderr for this recipe, without the source lines its traceback quotes: Task-3 and
    // Task-4 are freed when main returns (done() asks nothing), Task-2 at exit, held by the module; Task-5 was
    // asked by gather. The exit status stays 0, as main succeeded.
    const QString path = recipeWith("import asyncio\n"
                                    "async def fails(n):\n"
                                    "    return 10 // n\n"
                                    "async def main():\n"
                                    "    kept = asyncio.create_task(fails(0))\n"
                                    "    forgotten = asyncio.create_task(fails(0))\n"
                                    "    asked = asyncio.create_task(fails(0))\n"
                                    "    gathered = asyncio.create_task(fails(0))\n"
                                    "    await asyncio.sleep(0.01)\n"
                                    "    print(asked.done())\n"
                                    "    await asyncio.gather(gathered, return_exceptions=True)\n"
                                    "    return kept\n"
                                    "kept = asyncio.run(main())\n");
    const Run run = bakeloop({"--headless", "--recipe", path});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QStringLiteral("True\n"));
    QString expected;
    for (const int task : {3, 4, 2})
        expected += QStringLiteral("Task exception was never retrieved\n"
                                   "future: <Task finished name='Task-%1' coro=<fails() done, defined at %2:2> "
                                   "exception=ZeroDivisionError('integer division or modulo by zero')>\n"
                                   "Traceback (most recent call last):\n"
                                   "  File \"%2\", line 3, in fails\n"
                                   "ZeroDivisionError: integer division or modulo by zero\n")
                        .arg(task)
                        .arg(path);
    QCOMPARE(run.err, expected);
}

void TestRecipeCommand::aCoroutineNeverAwaitedIsWarnedOfAsCPythonDoes()
{
    // What python3 writes on stderr for this recipe, without the source lines its traceback quotes: the dropped
    // call's warning as it happens, the held one's at exit, after the traceback.
    const QString path = recipeWith("import asyncio\n"
                                    "async def frost(n):\n"
                                    "    return n\n"
                                    "async def main():\n"
                                    "    frost(1)\n"
                                    "    held = frost(2)\n"
                                    "    return 1 // 0\n"
                                    "asyncio.run(main())\n");
    const Run run = bakeloop({"--headless", "--recipe", path});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.err,
             QStringLiteral("%1:5: RuntimeWarning: coroutine 'frost' was never awaited\n"
                            "  frost(1)\n"
                            "RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n"
                            "  File \"%1\", line 7, in main\n"
                            "ZeroDivisionError: integer division or modulo by zero\n"
                            "sys:1: RuntimeWarning: coroutine 'frost' was never awaited\n")
                 .arg(path));
    // The blocking twin calls frost() as a plain function: nothing is left unawaited.
    const Run sync = bakeloop({"--headless", "--mode", "sync", "--recipe", path});
    QCOMPARE(sync.err,
             QStringLiteral("  File \"%1\", line 7, in main\n"
                            "ZeroDivisionError: integer division or modulo by zero\n")
                 .arg(path));
}

void TestRecipeCommand::aRelativePathIsNamedAsPython3NamesIt()
{
    // python3 puts the working folder before a script's relative path in its tracebacks; messages about the file
    // itself keep the path as given.
    recipeWith("x = 1 // 0\n");
    const Run run = bakeloop({"--headless", "--recipe", "./recipe.py"}, m_dir->path());
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.err,
             QStringLiteral("  File \"%1/./recipe.py\", line 1, in <module>\n"
                            "ZeroDivisionError: integer division or modulo by zero\n")
                 .arg(QDir(m_dir->path()).canonicalPath())); // as getcwd() gives it
}

void TestRecipeCommand::anExceptionGroupIsDrawnAsWideAndDeepAsCPythonDrawsIt()
{
    // CPython draws 15 exceptions of a group and 10 groups deep, then says what it left out (python3's words).
    const Run wide = bakeloop(
        {"--headless", "--recipe", recipeWith("raise ExceptionGroup('wide', [ValueError(i) for i in range(17)])\n")});
    QCOMPARE(wide.exitCode, 1);
    QVERIFY2(wide.err.endsWith(QStringLiteral("    | ValueError: 14\n"
                                              "    +---------------- ... ----------------\n"
                                              "    | and 2 more exceptions\n"
                                              "    +------------------------------------\n")),
             qPrintable(wide.err));
    const Run deep = bakeloop({"--headless", "--recipe",
                               recipeWith("eg = ValueError('bottom')\n"
                                          "for i in range(12):\n"
                                          "    eg = ExceptionGroup('level', [eg])\n"
                                          "raise eg\n")});
    QCOMPARE(deep.exitCode, 1);
    QCOMPARE(deep.err.count(QStringLiteral("ExceptionGroup: level")), 10);
    QVERIFY2(deep.err.endsWith(QStringLiteral("                    +-+---------------- 1 ----------------\n"
                                              "                      | ... (max_group_depth is 10)\n"
                                              "                      +------------------------------------\n")),
             qPrintable(deep.err));
}

void TestRecipeCommand::aRecipeThatNeverEndsIsStoppedAtItsTimeLimit()
{
    QElapsedTimer clock;
    clock.start();
    const Run spinning
        = bakeloop({"--headless", "--recipe", recipeWith("while True:\n    pass\n"), "--time-limit", "1"});
    QCOMPARE(spinning.exitCode, 1);
    QVERIFY2(spinning.err.contains(QStringLiteral("time limit of 1 s")), qPrintable(spinning.err));
    const Run waiting = bakeloop({"--headless", "--recipe",
                                  recipeWith("import asyncio\nasync def f():\n    await asyncio.sleep(3600)\n"
                                             "asyncio.run(f())\n"),
                                  "--time-limit", "1"});
    QCOMPARE(waiting.exitCode, 1);
    QVERIFY2(waiting.err.contains(QStringLiteral("time limit")), qPrintable(waiting.err));
    QVERIFY(clock.elapsed() < 10000);
}

void TestRecipeCommand::setTurnsTheRecipesKnobs()
{
    // The analogy's 475 °F: four oven steps, the oven's last line alone after the bowl is done.
    const Run run = bakeloop(
        {"--headless", "--recipe", "cake", "--set", "STEP=0.02", "--set", "TARGET_TEMP=475", "--set", "MIX_COUNT=2"});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out,
             QStringLiteral("preheat:: temp is now 200\nmix_ingredients:: mixing things 0\n"
                            "preheat:: temp is now 300\nmix_ingredients:: mixing things 1\n"
                            "preheat:: temp is now 400\npreheat:: temp is now 500\n"));
}

void TestRecipeCommand::theCakesFlagsTurnCakePysKnobs()
{
    // As setTurnsTheRecipesKnobs, through the flags the built-in cake has always taken.
    const Run run
        = bakeloop({"--headless", "--recipe", "cake", "--step-ms", "20", "--target-temp", "475", "--mix-count", "2"});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out,
             QStringLiteral("preheat:: temp is now 200\nmix_ingredients:: mixing things 0\n"
                            "preheat:: temp is now 300\nmix_ingredients:: mixing things 1\n"
                            "preheat:: temp is now 400\npreheat:: temp is now 500\n"));
    // STEP is in seconds: 1500 ms is the float 1.5, as ms / 1000 is in Python.
    const Run printed
        = bakeloop({"--headless", "--recipe", recipeWith("STEP = 1\nMIX_COUNT = 3\nprint(STEP, MIX_COUNT)\n"),
                    "--step-ms", "1500", "--mix-count", "0"});
    QCOMPARE(printed.out, QStringLiteral("1.5 0\n"));
    // A recipe without the constant: the flag means nothing there, and nothing runs.
    const QString plain = recipeWith("print('baked')\n");
    const Run refused = bakeloop({"--headless", "--recipe", plain, "--target-temp", "300"});
    QCOMPARE(refused.exitCode, 2);
    QCOMPARE(refused.out, QString());
    QVERIFY2(refused.err.startsWith(plain
                                    + ":1:1: error: --target-temp sets TARGET_TEMP: the recipe binds no "
                                      "module-level constant"),
             qPrintable(refused.err));
}

void TestRecipeCommand::theCakesTrapsBakeTheirVariantsOfCakePy()
{
    // What the plain headless bake prints for a trap (the window's bake of the same file) is what --recipe cake
    // prints with the trap's flag.
    for (const char *trap : {"--stir-by-hand", "--blocking-sleep-in-async"}) {
        const Run plain = bakeloop({"--headless", "--step-ms", "20", "--mix-count", "2", trap});
        const Run recipe = bakeloop({"--headless", "--recipe", "cake", "--step-ms", "20", "--mix-count", "2", trap});
        QCOMPARE(recipe.exitCode, 0);
        QVERIFY2(recipe.out.contains(QStringLiteral("mix_ingredients:: mixing things 1\n")), qPrintable(recipe.out));
        QCOMPARE(recipe.out, plain.out);
    }
}

void TestRecipeCommand::syncBakesTheBlockingTwin()
{
    QElapsedTimer clock;
    clock.start();
    const Run run = bakeloop({"--headless", "--recipe", "cake", "--mode", "sync", "--set", "STEP=0.05"});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out,
             QStringLiteral("preheat:: temp is now 200\npreheat:: temp is now 300\npreheat:: temp is now 400\n"
                            "mix_ingredients:: mixing things 0\nmix_ingredients:: mixing things 1\n"
                            "mix_ingredients:: mixing things 2\n"));
    // Six steps one after the other, not three side by side.
    QVERIFY(clock.elapsed() >= 6 * 50);
    const Run asking = bakeloop({"--headless", "--recipe",
                                 recipeWith("import asyncio\nasync def f():\n    return 1\nasync def main():\n"
                                            "    t = asyncio.create_task(f())\n    print(t.done())\n"
                                            "asyncio.run(main())\n"),
                                 "--mode", "sync"});
    QCOMPARE(asking.exitCode, 2);
    QCOMPARE(asking.out, QString());
    QVERIFY2(asking.err.contains(QStringLiteral(":6:11 asks a task")), qPrintable(asking.err));
    // Its listing is refused with the same sentence, and a threaded twin needs a call it can see.
    const QString asker = m_dir->filePath(QStringLiteral("recipe.py"));
    const Run listing = bakeloop({"--show-source", "sync", "--recipe", asker});
    QCOMPARE(listing.exitCode, 2);
    QCOMPARE(listing.out, QString());
    QVERIFY2(listing.err.contains(QStringLiteral("--show-source sync: %1:6:11 asks a task").arg(asker)),
             qPrintable(listing.err));
    const Run threaded = bakeloop({"--show-source", "threaded", "--recipe",
                                   recipeWith("import asyncio\nasync def f():\n    return 1\nasync def main():\n"
                                              "    c = f()\n    await asyncio.create_task(c)\nasyncio.run(main())\n")});
    QCOMPARE(threaded.exitCode, 2);
    QVERIFY2(threaded.err.contains(QStringLiteral(":6:11 gives asyncio.create_task something other than a call")),
             qPrintable(threaded.err));
}

void TestRecipeCommand::showSourcePrintsEachListing_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QString>("mustContain");
    QTest::addColumn<QString>("mustNotContain");
    QTest::newRow("async: the recipe as written")
        << QStringList{"--show-source", "async", "--recipe", "cake"} << "async def preheat():\n"
        << "import time";
    QTest::newRow("sync: the blocking twin of the cake by default")
        << QStringList{"--show-source", "sync"} << "def preheat():\n    temp = 100\n"
        << "async def";
    QTest::newRow("threaded: the threaded twin") << QStringList{"--headless", "--show-source", "threaded"}
                                                 << "    gather(Task(preheat), Task(mix_ingredients))\n"
                                                 << "import asyncio";
    QTest::newRow("machine: a state per await") << QStringList{"--show-source", "machine", "--recipe", "cake"}
                                                << "  state 1: after the await on line 12, runs lines 11-14"
                                                << "error";
}

void TestRecipeCommand::showSourcePrintsEachListing()
{
    QFETCH(QStringList, flags);
    QFETCH(QString, mustContain);
    QFETCH(QString, mustNotContain);
    const Run run = bakeloop(flags);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.err, QString());
    QVERIFY2(run.out.contains(mustContain), qPrintable(run.out));
    QVERIFY2(!run.out.contains(mustNotContain), qPrintable(run.out));
}

void TestRecipeCommand::cakesBakeCopiesOfTheRecipesCoroutine()
{
    // As python3 prints the cake's main() copied twice into one asyncio.gather (scripts/regenerate-cakes-outputs).
    const Run run = bakeloop({"--headless", "--recipe", "cake", "--set", "STEP=0.02", "--set", "MIX_COUNT=1", "--set",
                              "TARGET_TEMP=300", "--cakes", "2"});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out,
             QStringLiteral("cake 1: preheat:: temp is now 200\ncake 1: mix_ingredients:: mixing things 0\n"
                            "cake 2: preheat:: temp is now 200\ncake 2: mix_ingredients:: mixing things 0\n"
                            "cake 1: preheat:: temp is now 300\ncake 2: preheat:: temp is now 300\n"));
    const Run sync = bakeloop({"--headless", "--recipe", "cake", "--set", "STEP=0.02", "--set", "MIX_COUNT=1", "--set",
                               "TARGET_TEMP=300", "--cakes", "2", "--mode", "sync"});
    QCOMPARE(sync.exitCode, 0);
    QCOMPARE(sync.out,
             QStringLiteral("cake 1: preheat:: temp is now 200\ncake 1: preheat:: temp is now 300\n"
                            "cake 1: mix_ingredients:: mixing things 0\n"
                            "cake 2: preheat:: temp is now 200\ncake 2: preheat:: temp is now 300\n"
                            "cake 2: mix_ingredients:: mixing things 0\n"));
    const Run quiet = bakeloop({"--headless", "--recipe", "cake", "--set", "STEP=0.02", "--cakes", "1000", "--quiet"});
    QCOMPARE(quiet.exitCode, 0);
    QCOMPARE(quiet.out, QString());
    QCOMPARE(quiet.err, QString());
}

void TestRecipeCommand::cakesBakeOnThreadsOfTheirOwn()
{
    // The threaded twin of the two copies gathered: a thread a cake (Thread-1 and Thread-3, main), each starting its
    // oven and bowl. python3 prints each thread's lines so (scripts/regenerate-cakes-outputs --show --threaded), its
    // threads' numbers as they race to start, and lines due together in either order.
    const Run run = bakeloop({"--headless", "--recipe", "cake", "--set", "STEP=0.02", "--set", "MIX_COUNT=1", "--set",
                              "TARGET_TEMP=300", "--cakes", "2", "--mode", "threaded"});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.err, QString());
    const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 6);
    QCOMPARE(lines.filter(QStringLiteral("cake 1: [Thread-2 (preheat)] ")),
             QStringList({"cake 1: [Thread-2 (preheat)] preheat:: temp is now 200",
                          "cake 1: [Thread-2 (preheat)] preheat:: temp is now 300"}));
    QCOMPARE(lines.filter(QStringLiteral("cake 2: [Thread-4 (preheat)] ")),
             QStringList({"cake 2: [Thread-4 (preheat)] preheat:: temp is now 200",
                          "cake 2: [Thread-4 (preheat)] preheat:: temp is now 300"}));
    QCOMPARE(lines.filter(QStringLiteral("cake 1: [Thread-5 (mix_ingredients)] ")),
             QStringList({"cake 1: [Thread-5 (mix_ingredients)] mix_ingredients:: mixing things 0"}));
    QCOMPARE(lines.filter(QStringLiteral("cake 2: [Thread-6 (mix_ingredients)] ")),
             QStringList({"cake 2: [Thread-6 (mix_ingredients)] mix_ingredients:: mixing things 0"}));

    // Three threads a cake: one cake past the 10,000 threads a run may start ends as CPython's would, in the main()
    // of the cake refused its bowl's thread, once the others have baked.
    const Run tooMany = bakeloop(
        {"--headless", "--recipe", "cake", "--set", "STEP=0.001", "--cakes", "3334", "--mode", "threaded", "--quiet"});
    QCOMPARE(tooMany.exitCode, 1);
    QCOMPARE(tooMany.out, QString());
    QVERIFY2(tooMany.err.endsWith(
                 QStringLiteral("File \"cake.py\", line 24, in main\nRuntimeError: can't start new thread\n")),
             qPrintable(tooMany.err));
}

void TestRecipeCommand::threadedBakesTheThreadedTwin()
{
    QElapsedTimer clock;
    clock.start();
    const Run run = bakeloop({"--headless", "--recipe", "cake", "--mode", "threaded", "--set", "STEP=0.05"});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.err, QString());
    // The twin under python3 prints these lines; the two threads wake at the same instants, so only each
    // thread's own lines keep their order there.
    const QStringList oven{"[Thread-1 (preheat)] preheat:: temp is now 200",
                           "[Thread-1 (preheat)] preheat:: temp is now 300",
                           "[Thread-1 (preheat)] preheat:: temp is now 400"};
    const QStringList bowl{"[Thread-2 (mix_ingredients)] mix_ingredients:: mixing things 0",
                           "[Thread-2 (mix_ingredients)] mix_ingredients:: mixing things 1",
                           "[Thread-2 (mix_ingredients)] mix_ingredients:: mixing things 2"};
    const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), oven.size() + bowl.size());
    QCOMPARE(lines.filter(QStringLiteral("[Thread-1 (preheat)] ")), oven);
    QCOMPARE(lines.filter(QStringLiteral("[Thread-2 (mix_ingredients)] ")), bowl);
    // Three steps side by side, not six one after the other.
    QVERIFY(clock.elapsed() >= 3 * 50);

    const Run refused = bakeloop({"--headless", "--recipe",
                                  recipeWith("import asyncio\nasync def f():\n    return 1\nasync def main():\n"
                                             "    c = f()\n    t = asyncio.create_task(c)\n    print(await t)\n"
                                             "asyncio.run(main())\n"),
                                  "--mode", "threaded"});
    QCOMPARE(refused.exitCode, 2);
    QCOMPARE(refused.out, QString());
    QVERIFY2(refused.err.contains(QStringLiteral(":6:9 gives asyncio.create_task something other than a call")),
             qPrintable(refused.err));
}

void TestRecipeCommand::reportSaysHowTheRecipeRanInItsKitchen()
{
    const QString reportPath = m_dir->filePath(QStringLiteral("report.json"));
    const auto report = [&reportPath] {
        QFile file(reportPath);
        return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
    };
    // The async kitchen on the event loop: a heartbeat measured how free the loop stayed.
    const Run async
        = bakeloop({"--headless", "--recipe", "cake", "--step-ms", "50", "--quiet", "--report", reportPath});
    QCOMPARE(async.exitCode, 0);
    QJsonObject json = report();
    QCOMPARE(json.value(QStringLiteral("recipe")).toString(), QStringLiteral("cake.py"));
    QCOMPARE(json.value(QStringLiteral("mode")).toString(), QStringLiteral("async"));
    QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("finished"));
    QVERIFY(json.value(QStringLiteral("wall_ms")).toInteger() >= 150);
    QVERIFY(json.value(QStringLiteral("max_loop_stall_ms")).isDouble());
    QVERIFY(!json.contains(QStringLiteral("error")));
    // A failing blocking twin: its error, and no loop figures, since the twin holds its thread by design.
    const Run sync = bakeloop({"--headless", "--recipe", recipeWith("def f():\n    return 1 / 0\nf()\n"), "--mode",
                               "sync", "--report", reportPath});
    QCOMPARE(sync.exitCode, 1);
    json = report();
    QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    QCOMPARE(json.value(QStringLiteral("error")).toString(), QStringLiteral("ZeroDivisionError: division by zero"));
    QCOMPARE(json.value(QStringLiteral("error_line")).toInt(), 2);
    QVERIFY(json.value(QStringLiteral("max_loop_stall_ms")).isNull());
}

void TestRecipeCommand::journalTellsTheTasksLivesApartFromTheOutput()
{
    const QString journalPath = m_dir->filePath(QStringLiteral("journal.txt"));
    const QString recipe = recipeWith("import asyncio\n"
                                      "async def bake(oven):\n"
                                      "    async with oven:\n"
                                      "        await asyncio.sleep(0.02)\n"
                                      "    print('baked')\n"
                                      "async def main():\n"
                                      "    oven = asyncio.Lock()\n"
                                      "    await asyncio.gather(bake(oven), bake(oven))\n"
                                      "asyncio.run(main())\n");
    const auto journal = [&journalPath] {
        QFile file(journalPath);
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    };
    const Run async = bakeloop({"--headless", "--recipe", recipe, "--journal", journalPath});
    QCOMPARE(async.exitCode, 0);
    // What the recipe prints, and nothing else, on standard output.
    QCOMPARE(async.out, QStringLiteral("baked\nbaked\n"));
    const QString lines = journal();
    QVERIFY2(lines.contains(QLatin1String("] Task-3 (bake) waits in Lock.acquire() on Lock 1 (locked, held by Task-2 "
                                          "(bake))\n")),
             qPrintable(lines));
    QVERIFY(lines.contains(QLatin1String("] Task-3 (bake) goes on, woken by Task-2 (bake)'s Lock.release()\n")));
    QVERIFY(lines.endsWith(QLatin1String("] Task-1 (main) finished\n")));
    // The threaded twin's tasks are its threads.
    const Run threads = bakeloop({"--headless", "--recipe", recipe, "--mode", "threaded", "--journal", journalPath});
    QCOMPARE(threads.exitCode, 0);
    QVERIFY2(journal().contains(QLatin1String("] Thread-2 (bake) waits in Lock.acquire() on Lock 1")),
             qPrintable(journal()));
    // The same run as a Chrome trace: a track per task, and an arrow from the releaser to the task it woke.
    const QString tracePath = m_dir->filePath(QStringLiteral("trace.json"));
    const Run traced = bakeloop({"--headless", "--recipe", recipe, "--export-trace", tracePath});
    QCOMPARE(traced.exitCode, 0);
    QFile traceFile(tracePath);
    QVERIFY(traceFile.open(QIODevice::ReadOnly));
    const QByteArray trace = traceFile.readAll();
    QVERIFY(trace.contains("\"Task-3 (bake)\""));
    QVERIFY(trace.contains("\"ph\":\"s\""));
    QVERIFY(trace.contains("\"Lock.release()\""));
    // Standard output carries the recipe's lines: the journal needs a file of its own.
    const Run toStandardOutput = bakeloop({"--headless", "--recipe", recipe, "--journal", "-"});
    QCOMPARE(toStandardOutput.exitCode, 2);
    QVERIFY2(toStandardOutput.err.contains(QLatin1String("--journal needs a file name")),
             qPrintable(toStandardOutput.err));
    QVERIFY(toStandardOutput.out.isEmpty());
}

void TestRecipeCommand::flagsThatDoNotApplyAreRefused_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QString>("mustMention");
    QTest::newRow("a cake flag") << QStringList{"--headless", "--recipe", "cake", "--timestamps"} << "--timestamps";
    QTest::newRow("the window") << QStringList{"--recipe", "cake"} << "--headless";
    QTest::newRow("check with more") << QStringList{"--check", "cake", "--headless"} << "stands alone";
    QTest::newRow("time limit alone") << QStringList{"--headless", "--time-limit", "5"} << "--recipe";
    QTest::newRow("journal without a recipe") << QStringList{"--headless", "--journal", "j.txt"} << "--recipe";
    QTest::newRow("time limit zero") << QStringList{"--headless", "--recipe", "cake", "--time-limit", "0"}
                                     << "1 to 3600";
    QTest::newRow("no such recipe") << QStringList{"--headless", "--recipe", "pie"} << "no bundled recipe";
    QTest::newRow("a folder") << QStringList{"--check", QDir::tempPath()} << "not a regular file";
    QTest::newRow("set, not a literal") << QStringList{"--headless", "--recipe", "cake", "--set", "STEP=abc"}
                                        << "literal";
    QTest::newRow("set, no such constant")
        << QStringList{"--headless", "--recipe", "cake", "--set", "OVEN=3"} << "binds no module-level constant";
    QTest::newRow("set, twice") << QStringList{"--headless", "--recipe", "cake", "--set", "STEP=1", "--set", "STEP=2"}
                                << "twice";
    QTest::newRow("cakes, none") << QStringList{"--headless", "--recipe", "cake", "--cakes", "0"}
                                 << "--cakes takes a whole number from 1 to 1000000, not '0'";
    QTest::newRow("cakes, no asyncio.run")
        << QStringList{"--headless", "--recipe", "blocking", "--cakes", "2"} << "blocking.py never calls asyncio.run";
    QTest::newRow("set without a recipe") << QStringList{"--headless", "--set", "STEP=1"} << "--recipe";
    QTest::newRow("show-source of no such recipe")
        << QStringList{"--show-source", "sync", "--recipe", "pie"} << "no bundled recipe";
    QTest::newRow("show-source of an unknown kind") << QStringList{"--show-source", "twin"} << "async, sync";
    QTest::newRow("report to a folder") << QStringList{"--headless", "--recipe", "cake", "--report", QDir::tempPath()}
                                        << "--report";
    QTest::newRow("show-source with a time limit")
        << QStringList{"--show-source", "sync", "--time-limit", "5"} << "leave out --time-limit";
}

void TestRecipeCommand::flagsThatDoNotApplyAreRefused()
{
    QFETCH(QStringList, flags);
    QFETCH(QString, mustMention);
    const Run run = bakeloop(flags);
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.out, QString());
    QVERIFY2(run.err.contains(mustMention), qPrintable(run.err));
}

QTEST_GUILESS_MAIN(TestRecipeCommand)
#include "tst_recipecommand.moc"
