# phase — zh-CN
