# render — zh-CN
